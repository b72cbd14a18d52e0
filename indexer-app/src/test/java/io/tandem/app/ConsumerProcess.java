package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.localstack.junit.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The indexer as users run it: its own JVM, started with `tandem run ...`, stopped with SIGTERM or killed
 * with SIGKILL. It runs behind local-stack's launcher, so it cannot outlive the test JVM.
 */
final class ConsumerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ConsumerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ConsumerProcess start(List<String> runArgs, Path log) throws IOException {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(runArgs);
        return new ConsumerProcess(ChildJvm.start(IndexerCommand.class.getName(), List.of("-Xmx256m"), args, log), log);
    }

    /** SIGKILL: no shutdown hook, no commit, no goodbye to the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit status of the graceful stop. */
    int terminate() throws InterruptedException {
        // SIGTERM alone: Process.destroy() would also close stdin, which the launcher reads as "parent gone"
        process.toHandle().destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the indexer did not stop within 90 s of SIGTERM; log:\n" + logTail());
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; its exit status, or empty when it still runs after {@code seconds}. */
    java.util.OptionalInt awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? java.util.OptionalInt.of(process.exitValue())
                : java.util.OptionalInt.empty();
    }

    /** Waits, while this indexer lives, until {@code group} has committed at least {@code atLeast} records of {@code topic}. */
    void awaitCommitted(Admin admin, String group, String topic, long atLeast, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long committed = 0;
        while (System.nanoTime() < deadline) {
            assertThat(isAlive()).as("indexer died; log:\n%s", logTail()).isTrue();
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            committed = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
            if (committed >= atLeast) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("committed " + committed + " of " + atLeast + " in " + within + "; log:\n" + logTail());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Its command lines as {@code ps} shows them ({@link ChildJvm#commandLines}). */
    String commandLines() {
        return ChildJvm.commandLines(process);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
