package io.tandem.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.app.operate.ConsumerLag;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.Engine;
import io.tandem.localstack.LocalStack;
import io.tandem.localstack.RunningEngine;
import io.tandem.localstack.junit.ChildJvm;
import io.tandem.localstack.junit.IndexContents;
import io.tandem.main.TandemCommand;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/runbook.md, run as written: its settings file with the three addresses pointed at local engines, then every
 * command of its bash blocks in order, each its own JVM in a working directory holding the files the runbook names
 * (the contract, the parity queries), the consumer left running in the background as the runbook says; all of it
 * under the application's non-stop traffic, with the application's old indexer committing as group
 * {@code app-indexer}. A line that is wrong when copied fails here. The engines are the test's own, since the
 * runbook's index and topic names are the demo's too.
 */
class RunbookIT {

    private static final Path RUNBOOK = Path.of("..", "docs", "runbook.md");
    private static final Pattern PROPERTIES_BLOCK = Pattern.compile("(?ms)^```properties\\n(.*?)^```");
    private static final Pattern BASH_BLOCK = Pattern.compile("(?ms)^( *)```bash\\n(.*?)^ *```");
    private static final String OLD_GROUP = "app-indexer";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void everyCommandOfTheRunbookRunsAsWrittenInOrderUnderLiveTrafficAndTheNewIndexEndsEqualToTheOld() throws Exception {
        String runbook = Files.readString(RUNBOOK);
        List<List<String>> commands = commands(runbook);
        assertThat(commands).extracting(c -> c.get(0) + " " + c.get(1)).as("the runbook's commands, in order")
                .containsExactly("bin/tandem schema", "bin/tandem schema", "bin/tandem run", "bin/tandem backfill",
                        "bin/tandem lag", "bin/tandem verify", "bin/tandem parity", "bin/tandem cutover",
                        "bin/tandem cutover", "bin/tandem status", "bin/tandem rollback");

        try (LocalStack stack = LocalStack.fromSystemProperties()) {
            Map<Engine, RunningEngine> engines = stack.start(List.of(Engine.KAFKA, Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2));
            String kafka = engines.get(Engine.KAFKA).endpoint().address();
            String oldUrl = engines.get(Engine.ELASTICSEARCH_7).endpoint().address();
            String newUrl = engines.get(Engine.OPENSEARCH_2).endpoint().address();
            Properties settings = writeWorkingDirectory(runbook, kafka, oldUrl, newUrl);
            String topic = settings.getProperty("topic");

            OldMessages old = new OldMessages(oldUrl, DemoSettings.OLD_INDEX);
            old.create(DemoSettings.ALIAS);
            old.seed(3_000, 7);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (LiveTraffic traffic = new LiveTraffic(kafka, topic, old, 3_000, 200, 8);
                 OldIndexer oldIndexer = new OldIndexer(kafka, topic)) {
                traffic.start();
                oldIndexer.start();
                Process consumer = null;
                try {
                    for (int step = 0; step < commands.size(); step++) {
                        List<String> command = commands.get(step);
                        if (command.get(1).equals("run")) {
                            consumer = start(command, "step-" + step + "-run.log");
                            awaitReady(consumer, dir.resolve("step-" + step + "-run.log"));
                        } else {
                            runToTheEnd(command, "step-" + step + "-" + command.get(1) + ".log");
                        }
                        traffic.failIfBroken();
                    }
                    assertThat(aliasIndices(newUrl, DemoSettings.ALIAS)).as("after the rollback").isEmpty();

                    traffic.stop();
                    awaitLagZero(kafka, settings.getProperty("group"), topic);
                    EndStateCheck.Result result = EndStateCheck.compare(oldUrl, DemoSettings.OLD_INDEX, newUrl,
                            DemoSettings.NEW_INDEX, Transforms.load(settings.getProperty("transform"), Map.of("source", "tags")));
                    assertThat(result.passed()).as(result.summary()).isTrue();
                    assertThat(stop(consumer)).as("the consumer's exit status after SIGTERM").isZero();
                } finally {
                    if (consumer != null) {
                        consumer.destroyForcibly();
                    }
                }
            }
        }
    }

    /** The commands of the runbook's bash blocks: continuation lines joined, comments dropped, split on blanks. */
    static List<List<String>> commands(String markdown) {
        List<List<String>> commands = new ArrayList<>();
        Matcher block = BASH_BLOCK.matcher(markdown);
        while (block.find()) {
            String indent = block.group(1);
            StringBuilder joined = new StringBuilder();
            for (String line : block.group(2).split("\n")) {
                String text = line.startsWith(indent) ? line.substring(indent.length()) : line;
                text = text.replaceFirst("(^|\\s)#.*$", "").stripTrailing();
                if (text.endsWith("\\")) {
                    joined.append(text, 0, text.length() - 1).append(' ');
                    continue;
                }
                joined.append(text);
                if (!joined.toString().isBlank()) {
                    String command = joined.toString().strip();
                    assertThat(command).as("RunbookIT splits lines on blanks: no quoting").doesNotContain("\"", "'", "$");
                    commands.add(List.of(command.split("\\s+")));
                }
                joined.setLength(0);
            }
        }
        return commands;
    }

    /** tandem.properties as the runbook writes it, its three addresses local; the files the commands name. */
    private Properties writeWorkingDirectory(String runbook, String kafka, String oldUrl, String newUrl) throws Exception {
        Matcher block = PROPERTIES_BLOCK.matcher(runbook);
        assertThat(block.find()).as("the runbook's settings file").isTrue();
        String text = block.group(1);
        Map<String, String> local = Map.of("source-url", oldUrl, "target-url", newUrl, "kafka-bootstrap", kafka);
        for (Map.Entry<String, String> address : local.entrySet()) {
            Pattern line = Pattern.compile("(?m)^" + Pattern.quote(address.getKey()) + "=.*$");
            assertThat(line.matcher(text).find()).as("the settings file sets " + address.getKey()).isTrue();
            text = line.matcher(text).replaceFirst(Matcher.quoteReplacement(address.getKey() + "=" + address.getValue()));
        }
        Files.writeString(dir.resolve("tandem.properties"), text);
        Properties settings = new Properties();
        settings.load(new java.io.StringReader(text));

        Files.createDirectories(dir.resolve("contracts"));
        try (InputStream contract = TandemCommand.class.getClassLoader().getResourceAsStream("contracts/messages-v2.json")) {
            Files.write(dir.resolve("contracts/messages-v2.json"), contract.readAllBytes());
        }
        // the application's queries, written for the old schema (a keyword field per tag key under tags)
        Files.writeString(dir.resolve("parity-queries.json"), """
                [{"name": "by-env", "order": "UNORDERED",
                  "body": {"query": {"term": {"tags.env": "v1"}}, "size": 10000}},
                 {"name": "newest-of-a-team", "order": "ORDERED",
                  "body": {"query": {"exists": {"field": "tags.team"}}, "sort": [{"createdAt": "desc"}, {"id": "asc"}], "size": 20}}]
                """);
        return settings;
    }

    private Process start(List<String> command, String logName) throws Exception {
        assertThat(command.get(0)).as("a command of the runbook").isEqualTo("bin/tandem");
        return ChildJvm.start(TandemCommand.class.getName(), List.of("-Xmx384m"), command.subList(1, command.size()),
                dir.resolve(logName), dir);
    }

    private void runToTheEnd(List<String> command, String logName) throws Exception {
        Process process = start(command, logName);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 5 min:\n" + Files.readString(dir.resolve(logName)));
        }
        assertThat(process.exitValue()).as("%s exited with; its output:%n%s", String.join(" ", command),
                Files.readString(dir.resolve(logName))).isZero();
    }

    /** The consumer is ready when its /ready answers 200 on the default status port, as a probe would see it. */
    private static void awaitReady(Process consumer, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            assertThat(consumer.isAlive()).as("the consumer ended; its log:%n%s", Files.readString(log)).isTrue();
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9464/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the consumer was not ready within 2 min; its log:\n" + Files.readString(log));
    }

    private static int stop(Process consumer) throws InterruptedException {
        consumer.toHandle().destroy();
        if (!consumer.waitFor(90, TimeUnit.SECONDS)) {
            throw new AssertionError("the consumer did not stop within 90 s of SIGTERM");
        }
        return consumer.exitValue();
    }

    private static void awaitLagZero(String kafka, String group, String topic) throws Exception {
        Properties connection = new Properties();
        connection.put("bootstrap.servers", kafka);
        try (ConsumerLag lag = new ConsumerLag(connection)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (lag.measure(group, topic).total() > 0) {
                assertThat(System.nanoTime()).as("lag 0 within 3 min").isLessThan(deadline);
                Thread.sleep(250);
            }
        }
    }

    private static List<String> aliasIndices(String url, String alias) {
        try {
            return new ArrayList<>(iterable(IndexContents.send(url, "GET", "/_alias/" + alias, null).fieldNames()));
        } catch (IllegalStateException e) {
            if (e.getMessage().contains(" 404")) {
                return List.of();
            }
            throw e;
        }
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** The application's own indexer: it consumes the topic as group app-indexer and commits every second. */
    private static final class OldIndexer implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String topic;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::loop, "old-indexer");

        OldIndexer(String kafka, String topic) {
            this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka, "group.id", OLD_GROUP,
                    "auto.offset.reset", "earliest", "enable.auto.commit", "false"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.topic = topic;
        }

        void start() {
            thread.start();
        }

        private void loop() {
            consumer.subscribe(List.of(topic));
            Instant lastCommit = Instant.now();
            while (running.get()) {
                consumer.poll(Duration.ofMillis(200));
                if (Duration.between(lastCommit, Instant.now()).toSeconds() >= 1) {
                    consumer.commitSync();
                    lastCommit = Instant.now();
                }
            }
            consumer.close();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
