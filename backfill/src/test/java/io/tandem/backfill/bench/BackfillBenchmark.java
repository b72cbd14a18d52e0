package io.tandem.backfill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.backfill.BackfillCommand;
import io.tandem.ops.reindex.PainlessTransforms;
import io.tandem.ops.reindex.ReindexResult;
import io.tandem.ops.reindex.RemoteReindex;
import io.tandem.ops.reindex.RemoteReindexSettings;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.junit.ChildJvm;
import io.tandem.localstack.Engine;
import io.tandem.localstack.LocalStack;
import io.tandem.localstack.process.LocalProcessProvider;
import io.tandem.localstack.process.OsProcesses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.http.HttpHost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Issue C's benchmark (not a test): N documents (default 1M, ~300 bytes with a tags map) in an Elasticsearch 7.10
 * index copied into OpenSearch 2.19 three ways in one run, each into a fresh index with the same settings: (a) the
 * real backfill process, (b) the engine's remote {@code _reindex} with the equivalent Painless transform, executed by
 * OpenSearch, and (c) the raw {@code _bulk} ceiling of the same, already-transformed documents sent pre-serialized by
 * 3 concurrent senders; each way first warmed up untimed on part of the documents. For comparison only, (d) the raw
 * ceiling into an index with the engine's default settings, and (e) a copier that costs nothing beyond HTTP: the
 * most any copier that reads the old cluster could reach on these cores. Every copy is counted in the target before its number is
 * believed. Prints docs/s, the backfill's ratios to (b) and (c), the backfill JVM's peak RSS, and CPU milliseconds per
 * 1,000 documents of the backfill JVM and of each engine during each copy: unlike docs/s, CPU per document hardly
 * changes when other work shares the machine's cores, so it tells whether a change made a copy cheaper. Run it with
 * bench/backfill-benchmark.
 */
public final class BackfillBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE_INDEX = "old";
    private static final String BACKFILL_INDEX = "bench-backfill";
    private static final String REINDEX_INDEX = "bench-reindex";
    private static final String RAW_INDEX = "bench-raw";
    private static final String RAW_DEFAULTS_INDEX = "bench-raw-defaults";
    private static final String ZERO_COST_INDEX = "bench-zero-cost";
    private static final String WARM_UP_INDEX = "bench-warmup";
    /** Documents each way of copying first copies untimed; at least 100k (the JIT compilers need the work). */
    private static final int MAX_WARM_UP_DOCS = 200_000;
    private static final int SEED_BULK_DOCS = 2000;
    private static final int SEED_SENDERS = 3;
    private static final int RAW_BULK_DOCS = 2000;
    private static final int RAW_SENDERS = 3;
    private static final int REINDEX_SIZE = 5000;
    /** The backfill's slices (one per shard of the old index) and scroll page size, which (e) reads the same way. */
    private static final int BACKFILL_SLICES = 3;
    private static final int BACKFILL_PAGE = 2000;
    private static final long DOCUMENT_SEED = 7;
    private static final String SOURCE_SETTINGS = "{\"settings\":{\"number_of_shards\":3,\"number_of_replicas\":0,"
            + "\"refresh_interval\":\"-1\"}}";
    /** One definition for all three targets, so that only the way of copying differs. */
    private static final String TARGET_SETTINGS = "{\"settings\":{\"number_of_shards\":2,\"number_of_replicas\":0,\"refresh_interval\":\"30s\"},"
            + "\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"id\":{\"type\":\"keyword\"},\"message\":{\"type\":\"text\"},"
            + "\"n\":{\"type\":\"long\"},\"tags\":{\"properties\":{\"keyToValue\":{\"type\":\"keyword\"},\"value\":{\"type\":\"keyword\"}}}}}}";
    /** The same mapping with the engine's default index settings (1 shard, 1 replica, refresh every second). */
    private static final String DEFAULT_SETTINGS = "{" + TARGET_SETTINGS.substring(TARGET_SETTINGS.indexOf("\"mappings\""));

    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = Files.createTempDirectory("tandem-backfill-bench-");
        DocumentTransform transform = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
        System.setProperty("tandem.engine.heap", System.getProperty("tandem.engine.heap", "1g"));

        try (LocalStack stack = new LocalStack(new LocalProcessProvider())) {
            stack.start(List.of(Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2));
            String oldUrl = stack.endpoint(Engine.ELASTICSEARCH_7).address();
            String newUrl = stack.endpoint(Engine.OPENSEARCH_2).address();
            System.out.printf("engines: Elasticsearch 7.10 %s (old), OpenSearch 2.19 %s (new); work dir %s%n", oldUrl, newUrl, work);
            EngineCpu engines = new EngineCpu(stack.endpoint(Engine.ELASTICSEARCH_7).pid(), stack.endpoint(Engine.OPENSEARCH_2).pid());

            try (RestClient old = RestClient.builder(HttpHost.create(oldUrl)).build();
                 RestClient target = RestClient.builder(HttpHost.create(newUrl)).build()) {
                seed(old, docs);

                warmUp(work, oldUrl, newUrl, target, Math.min(docs, MAX_WARM_UP_DOCS), transform);
                System.out.println("order: (a) backfill, then (b) remote reindex, then (c) raw _bulk ceiling, (d) the same into "
                        + "default settings, (e) a zero-cost copier, each into a fresh index");
                EngineCpu.Sample before = engines.settled();
                BackfillRun backfill = backfill(work, oldUrl, newUrl, target, BACKFILL_INDEX, docs, List.of(), "backfill");
                Cpu backfillEngines = engines.since(before, docs);
                System.out.printf("(a) backfill: %,.0f docs/s, %.1f s, peak RSS %d MiB; CPU-ms/1k docs: backfill JVM %.1f "
                                + "(%.1f after its start-up, %.1f in the second half), %s%n", docs / backfill.seconds(),
                        backfill.seconds(), backfill.peakRssBytes() >> 20, backfill.cpuPerThousand(docs),
                        backfill.copyCpuPerThousand(docs), backfill.secondHalfCpuPerThousand(), backfillEngines);
                if (Boolean.getBoolean("bench.backfillOnly")) {
                    return; // quicker when comparing backfill builds: -Dbench.backfillOnly=true
                }

                before = engines.settled();
                double reindexSeconds = remoteReindex(oldUrl, target, REINDEX_INDEX, docs, Optional.empty());
                Cpu reindexEngines = engines.since(before, docs);
                System.out.printf("(b) remote reindex: %,.0f docs/s, %.1f s; CPU-ms/1k docs: %s%n", docs / reindexSeconds,
                        reindexSeconds, reindexEngines);

                Bodies raw = rawBodies(RAW_INDEX, docs, transform);
                before = engines.settled();
                double rawSeconds = rawCeiling(target, RAW_INDEX, TARGET_SETTINGS, raw, docs);
                Cpu rawEngines = engines.since(before, docs);
                System.out.printf("(c) raw _bulk ceiling: %,.0f docs/s, %.1f s; CPU-ms/1k docs: %s%n", docs / rawSeconds,
                        rawSeconds, rawEngines);
                raw = null; // garbage before the next bodies are built

                Bodies zero = rawBodies(ZERO_COST_INDEX, docs, transform);
                before = engines.settled();
                double zeroSeconds = zeroCostCopier(old, target, ZERO_COST_INDEX, zero, docs);
                Cpu zeroEngines = engines.since(before, docs);
                System.out.printf("(e) zero-cost copier (the backfill's scroll read as bytes, (c)'s bodies sent as pages "
                        + "arrive): %,.0f docs/s, %.1f s; CPU-ms/1k docs: %s%n", docs / zeroSeconds, zeroSeconds, zeroEngines);
                zero = null;

                // for comparison with measurements made with index settings closer to the defaults; not in the ratios
                Bodies rawDefaults = rawBodies(RAW_DEFAULTS_INDEX, docs, transform);
                before = engines.settled();
                double defaultsSeconds = rawCeiling(target, RAW_DEFAULTS_INDEX, DEFAULT_SETTINGS, rawDefaults, docs);
                Cpu defaultsEngines = engines.since(before, docs);
                System.out.printf("(d) raw _bulk ceiling, engine's default index settings: %,.0f docs/s, %.1f s; CPU-ms/1k "
                        + "docs: %s%n", docs / defaultsSeconds, defaultsSeconds, defaultsEngines);

                printTable(docs, backfill, backfillEngines, reindexSeconds, reindexEngines, rawSeconds, rawEngines,
                        defaultsSeconds, defaultsEngines, zeroSeconds, zeroEngines);
            }
        }
    }

    /**
     * The wall time of the backfill process, its JVM's peak resident set and CPU time: in all, from its first
     * progress line (printed as the copy starts, after JVM start-up, connecting, counting) to its exit, and per 1,000
     * documents copied after the first progress line past half of them, when the JIT compiler has mostly done its
     * work: the cost per document of a long copy (NaN if no such line came).
     */
    private record BackfillRun(double seconds, long peakRssBytes, String heap, long cpuMillis, long copyCpuMillis,
                               double secondHalfCpuPerThousand) {

        double cpuPerThousand(int docs) {
            return cpuMillis * 1000.0 / docs;
        }

        double copyCpuPerThousand(int docs) {
            return copyCpuMillis * 1000.0 / docs;
        }
    }

    /** CPU milliseconds per 1,000 documents the two engines spent during one copy; NaN where a PID is not known. */
    private record Cpu(double oldPerThousand, double newPerThousand) {

        @Override
        public String toString() {
            return String.format("old engine %.1f, new engine %.1f", oldPerThousand, newPerThousand);
        }
    }

    /**
     * The engines' CPU time, read from /proc by PID. A copy's work goes on after its last request (merges, flushes),
     * so it is sampled once the engines are quiet again: what one copy leaves behind is not charged to the next.
     */
    private record EngineCpu(java.util.OptionalLong oldPid, java.util.OptionalLong newPid) {

        /** Below this much CPU per second, both engines together, they count as idle. */
        private static final long QUIET_MILLIS_PER_SECOND = 60;
        private static final int MAX_SETTLE_SECONDS = 60;

        record Sample(long oldMillis, long newMillis) {
        }

        Sample sample() {
            return new Sample(millis(oldPid), millis(newPid));
        }

        /** A sample taken once the engines are quiet, or after a minute. */
        Sample settled() throws InterruptedException {
            OsProcesses.awaitQuiet(java.util.stream.Stream.of(oldPid, newPid).filter(java.util.OptionalLong::isPresent)
                    .map(java.util.OptionalLong::getAsLong).toList(), QUIET_MILLIS_PER_SECOND, MAX_SETTLE_SECONDS);
            return sample();
        }

        Cpu since(Sample before, int docs) throws InterruptedException {
            Sample now = settled();
            return new Cpu(perThousand(now.oldMillis() - before.oldMillis(), docs),
                    perThousand(now.newMillis() - before.newMillis(), docs));
        }

        private static long millis(java.util.OptionalLong pid) {
            return pid.isPresent() ? OsProcesses.cpuMillis(pid.getAsLong()).orElse(-1) : -1;
        }

        private static double perThousand(long millis, int docs) {
            return millis < 0 ? Double.NaN : millis * 1000.0 / docs;
        }
    }

    /** Pre-serialized _bulk bodies and the total size of the documents' _source in them. */
    private record Bodies(List<byte[]> bodies, long sourceBytes) {
    }

    /** In a method of its own so that the seed's bodies are garbage before the raw ceiling builds its own. */
    private static void seed(RestClient old, int docs) throws Exception {
        long start = System.nanoTime();
        Bodies seed = bodies(docs, SEED_BULK_DOCS, (id, doc) -> doc, id -> "{\"index\":{\"_id\":\"" + id + "\"}}\n");
        // no refreshes while loading: only the seed's speed depends on it, none of the measurements
        send(old, "PUT", "/" + SOURCE_INDEX, SOURCE_SETTINGS);
        bulk(old, "/" + SOURCE_INDEX + "/_bulk", seed.bodies(), SEED_SENDERS);
        // back to the engine's default: the old index is read as a live one would be
        send(old, "PUT", "/" + SOURCE_INDEX + "/_settings", "{\"index\":{\"refresh_interval\":null}}");
        requireCount(old, SOURCE_INDEX, docs);
        System.out.printf("seeded %s with %,d documents (%,.0f bytes of _source each on average, 3 shards, 0 replicas) in %.1f s%n",
                SOURCE_INDEX, docs, (double) seed.sourceBytes() / docs, seconds(start));
    }

    /**
     * Runs the backfill process into {@code index}, created first, and checks that it holds {@code docs} documents.
     *
     * @param more options added to the benchmark's, e.g. a query
     * @param name names the log file and the state index
     */
    private static BackfillRun backfill(Path work, String oldUrl, String newUrl, RestClient target, String index, int docs,
                                        List<String> more, String name) throws Exception {
        send(target, "PUT", "/" + index, TARGET_SETTINGS);
        Path log = work.resolve(name + ".log");
        String heap = System.getProperty("bench.backfill.heap", "384m");
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
        // e.g. -Dbench.backfill.jvmOption=-XX:StartFlightRecording=filename=/tmp/backfill.jfr to profile it; several
        // options separated by spaces
        jvm.addAll(List.of(System.getProperty("bench.backfill.jvmOption", "-Dbench.profile=off").trim().split("\\s+")));
        List<String> args = new ArrayList<>(List.of("--source-url", oldUrl, "--target-url", newUrl,
                "--source-index", SOURCE_INDEX, "--target-index", index,
                "--transform", "tags-to-key-value", "--transform-option", "source=tags",
                // -Dbench.backfill.concurrency=.. etc. to compare settings
                "--concurrency", System.getProperty("bench.backfill.concurrency", Integer.toString(BACKFILL_SLICES)),
                "--scroll-size", System.getProperty("bench.backfill.scrollSize", Integer.toString(BACKFILL_PAGE)),
                "--bulk-max-docs", System.getProperty("bench.backfill.bulkDocs", "2000"),
                "--bulk-in-flight", System.getProperty("bench.backfill.inFlight", "4"),
                // the three targets share one definition; the backfill must not retune its own
                "--no-tune", "--progress", "LOG", "--state-index", name + "-state",
                // no consumer runs beside the benchmark's copies
                "--standalone",
                "--dead-letter-file", work.resolve(name + "-dead-letters.ndjson").toString()));
        args.addAll(more);
        long start = System.nanoTime();
        // behind the launcher: the backfill stops if the benchmark dies
        Process process = ChildJvm.start(BackfillCommand.class.getName(), jvm, args, log);
        try {
            long peakRss = 0;
            long cpuMillis = 0;
            long cpuAtCopyStart = -1;
            // CPU time and documents copied at the first progress line from half the documents on
            long cpuAtHalf = -1;
            long copiedAtHalf = -1;
            ProgressTail progress = new ProgressTail(log);
            Map<Long, ThreadCpu> threads = new java.util.HashMap<>();
            // VmHWM only grows, but /proc forgets it at exit: the last poll, at most 100 ms before, is the peak seen;
            // the same holds for the CPU time, so the last ~100 ms of it (the report, the exit) are not counted
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                peakRss = Math.max(peakRss, OsProcesses.peakRssBytes(process.pid()).orElse(0));
                cpuMillis = Math.max(cpuMillis, OsProcesses.cpuMillis(process.pid()).orElse(0));
                for (long copied : progress.newCounts()) {
                    if (cpuAtCopyStart < 0) {
                        cpuAtCopyStart = cpuMillis;
                    }
                    if (cpuAtHalf < 0 && copied >= docs / 2 && copied < docs) {
                        cpuAtHalf = cpuMillis;
                        copiedAtHalf = copied;
                    }
                }
                ThreadCpu.poll(process.pid(), threads);
            }
            double elapsed = seconds(start);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the backfill exited with " + process.exitValue() + ", see " + log);
            }
            printReport(log);
            requireCount(target, index, docs);
            System.out.printf("(a) backfill JVM CPU: %.1f s in %.1f s wall (%.2f of the machine's cores), %.1f s of it before "
                    + "the copy started%n", cpuMillis / 1000.0, elapsed, cpuMillis / 1000.0 / elapsed,
                    Math.max(0, cpuAtCopyStart) / 1000.0);
            System.out.println("(a) backfill JVM CPU by thread: " + ThreadCpu.byGroup(threads.values()));
            double secondHalf = cpuAtHalf < 0 ? Double.NaN : (cpuMillis - cpuAtHalf) * 1000.0 / (docs - copiedAtHalf);
            return new BackfillRun(elapsed, peakRss, heap, cpuMillis, cpuMillis - Math.max(0, cpuAtCopyStart), secondHalf);
        } finally {
            process.destroyForcibly();
        }
    }

    /** One thread's CPU time so far, from /proc/PID/task/TID/stat, where the kernel keeps a name of 15 characters. */
    private record ThreadCpu(String name, long millis) {

        /** Updates {@code threads} (by TID) with what /proc says now; threads that ended keep their last value. */
        static void poll(long pid, Map<Long, ThreadCpu> threads) {
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                tasks.forEach(task -> {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long millis = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
                        threads.put(Long.parseLong(task.getFileName().toString()), new ThreadCpu(name, millis));
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended between the listing and the read
                    }
                });
            } catch (IOException | RuntimeException gone) {
                // the process ended
            }
        }

        /** CPU seconds by thread name without its number (GC Thread#1 and GC Thread#0 are "GC Thread"), largest first. */
        static String byGroup(java.util.Collection<ThreadCpu> threads) {
            Map<String, Long> groups = new java.util.TreeMap<>();
            threads.forEach(t -> groups.merge(t.name().replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-thread$", ""),
                    t.millis(), Long::sum));
            return groups.entrySet().stream().filter(e -> e.getValue() >= 50)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue() / 1000.0))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /**
     * Reads the backfill's progress lines ({@code backfill: 12,345/1,000,000 copied ...}) as they are appended to its
     * log; the first comes as the copy starts.
     */
    private static final class ProgressTail {

        private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("^backfill: ([\\d,]+)/");

        private final Path log;
        private long offset;
        private String partial = "";

        ProgressTail(Path log) {
            this.log = log;
        }

        /** The documents copied according to each progress line written since the last call. */
        List<Long> newCounts() throws IOException {
            List<Long> counts = new ArrayList<>();
            try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
                if (file.length() <= offset) {
                    return counts;
                }
                byte[] added = new byte[(int) (file.length() - offset)];
                file.seek(offset);
                file.readFully(added);
                offset += added.length;
                String text = partial + new String(added, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                partial = text.substring(end + 1);
                for (String line : text.substring(0, end + 1).split("\n")) {
                    java.util.regex.Matcher matcher = LINE.matcher(line);
                    if (matcher.find()) {
                        counts.add(Long.parseLong(matcher.group(1).replace(",", "")));
                    }
                }
            } catch (java.io.FileNotFoundException notYet) {
                // the process has not written anything yet
            }
            return counts;
        }
    }

    /** The backfill's own end-of-run report, so the printed numbers can be checked against it. */
    private static void printReport(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        int report = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Backfill ")) {
                report = i;
            }
        }
        if (report >= 0) {
            lines.subList(report, lines.size()).forEach(line -> System.out.println("    " + line));
        }
    }

    /** The engine's time for a remote reindex into {@code index}, created first, of the documents {@code query} matches. */
    private static double remoteReindex(String oldUrl, RestClient target, String index, int docs, Optional<ObjectNode> query)
            throws Exception {
        send(target, "PUT", "/" + index, TARGET_SETTINGS);
        // the allow-list entry is matched literally against host:port, so the host must be 127.0.0.1 as listed
        String remoteHost = "http://127.0.0.1:" + URI.create(oldUrl).getPort();
        RemoteReindexSettings settings = new RemoteReindexSettings(remoteHost, Optional.empty(), Optional.empty(),
                SOURCE_INDEX, index, REINDEX_SIZE, query, Optional.of(PainlessTransforms.tagsToKeyValue("tags", "tags", ":")));
        long[] lastPrint = {System.nanoTime()};
        BiConsumer<Long, Long> progress = (done, total) -> {
            if (System.nanoTime() - lastPrint[0] > TimeUnit.SECONDS.toNanos(10)) {
                lastPrint[0] = System.nanoTime();
                System.out.printf("    remote reindex: %,d of %,d%n", done, total);
            }
        };
        ReindexResult result = new RemoteReindex(target).run(settings, progress);
        if (!result.succeeded() || result.created() != docs) {
            throw new IllegalStateException("the remote reindex did not copy every document: " + result);
        }
        requireCount(target, index, docs);
        return result.took().toNanos() / 1e9;
    }

    /**
     * Untimed: each way of copying first copies the first {@code docs} documents into a scratch index, so that the
     * engines' JIT compilers have compiled every path before the timed runs. Without it the first timed run, the
     * backfill, paid for much of the compiling: measured here, a raw load of 200k documents run first cost the new
     * engine twice the CPU per document of the same load run again.
     */
    private static void warmUp(Path work, String oldUrl, String newUrl, RestClient target, int docs,
                               DocumentTransform transform) throws Exception {
        long start = System.nanoTime();
        Bodies warm = rawBodies(WARM_UP_INDEX, docs, transform);
        rawCeiling(target, WARM_UP_INDEX, TARGET_SETTINGS, warm, docs);
        send(target, "DELETE", "/" + WARM_UP_INDEX, null);
        warm = null; // garbage before the backfill and the reindex run
        String firstDocs = "{\"range\":{\"n\":{\"lt\":" + docs + "}}}";
        backfill(work, oldUrl, newUrl, target, WARM_UP_INDEX, docs, List.of("--query", firstDocs), "warm-up-backfill");
        send(target, "DELETE", "/" + WARM_UP_INDEX, null);
        remoteReindex(oldUrl, target, WARM_UP_INDEX, docs, Optional.of((ObjectNode) JSON.readTree(firstDocs)));
        send(target, "DELETE", "/" + WARM_UP_INDEX, null);
        System.out.printf("warm-up (untimed): the first %,d documents copied each of the three ways, %.1f s%n", docs,
                seconds(start));
    }

    /**
     * The first {@code docs} documents, transformed, as _bulk bodies into {@code index}, with the backfill's action
     * (version 0, external). Serialized before the clock starts: the ceiling is the target's, not our JSON writer's.
     */
    private static Bodies rawBodies(String index, int docs, DocumentTransform transform) throws IOException {
        return bodies(docs, RAW_BULK_DOCS, transform,
                id -> "{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\",\"version\":0,\"version_type\":\"external\"}}\n");
    }

    /** Seconds to send {@code raw} into {@code index}, created first with {@code definition}. */
    private static double rawCeiling(RestClient target, String index, String definition, Bodies raw, int docs)
            throws Exception {
        send(target, "PUT", "/" + index, definition);
        long start = System.nanoTime();
        bulk(target, "/_bulk", raw.bodies(), RAW_SENDERS);
        double elapsed = seconds(start);
        requireCount(target, index, docs);
        return elapsed;
    }

    /**
     * (e) The most any copier that reads the old cluster could reach here: the backfill's scroll (same slices, same
     * page size) read as bytes and thrown away, while the raw ceiling's pre-serialized bodies go out as fast as pages
     * arrive, each body once as many more documents were read. The engines do all a copy needs of them; the copier
     * spends nothing beyond HTTP (no parsing, transform or serialization). On a machine whose cores the engines
     * share with the copier, this, not (c), is the bound the backfill's own costs are measured against.
     */
    private static double zeroCostCopier(RestClient old, RestClient target, String index, Bodies raw, int docs)
            throws Exception {
        send(target, "PUT", "/" + index, TARGET_SETTINGS);
        java.util.concurrent.Semaphore read = new java.util.concurrent.Semaphore(0);
        ExecutorService pool = Executors.newFixedThreadPool(BACKFILL_SLICES);
        try {
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int slice = 0; slice < BACKFILL_SLICES; slice++) {
                int id = slice;
                work.add(pool.submit(() -> {
                    try {
                        scrollAsBytes(old, id, read);
                    } catch (IOException | RuntimeException e) {
                        read.release(docs); // the senders must not wait for pages that will not come
                        throw e;
                    }
                    return null;
                }));
            }
            // sent as (c) sends them, each body once its documents were read
            bulk(target, "/_bulk", raw.bodies(), RAW_SENDERS,
                    body -> read.acquire(Math.min(RAW_BULK_DOCS, docs - body * RAW_BULK_DOCS)));
            for (Future<?> f : work) {
                f.get();
            }
            double elapsed = seconds(start);
            requireCount(target, index, docs);
            return elapsed;
        } finally {
            pool.shutdownNow();
        }
    }

    private static final java.util.regex.Pattern SCROLL_ID = java.util.regex.Pattern.compile("\"_scroll_id\":\"([^\"]+)\"");
    private static final byte[] HIT_ID = "\"_id\":\"".getBytes(StandardCharsets.UTF_8);

    /** Reads one slice of the old index page by page as the backfill does, releasing a permit per document read. */
    private static void scrollAsBytes(RestClient old, int slice, java.util.concurrent.Semaphore read) throws IOException {
        Request open = new Request("POST", "/" + SOURCE_INDEX + "/_search?scroll=5m");
        open.setJsonEntity("{\"size\":" + BACKFILL_PAGE + ",\"sort\":[\"_doc\"],\"slice\":{\"id\":" + slice + ",\"max\":"
                + BACKFILL_SLICES + "}}");
        byte[] page = EntityUtils.toByteArray(old.performRequest(open).getEntity());
        String scrollId = null;
        for (int hits = hitsIn(page); hits > 0; hits = hitsIn(page)) {
            read.release(hits);
            java.util.regex.Matcher id = SCROLL_ID.matcher(new String(page, 0, Math.min(page.length, 4096), StandardCharsets.UTF_8));
            if (!id.find()) {
                throw new IllegalStateException("no scroll id in a page of slice " + slice);
            }
            scrollId = id.group(1);
            Request more = new Request("POST", "/_search/scroll");
            more.setJsonEntity("{\"scroll\":\"5m\",\"scroll_id\":\"" + scrollId + "\"}");
            page = EntityUtils.toByteArray(old.performRequest(more).getEntity());
        }
        if (scrollId != null) {
            Request clear = new Request("DELETE", "/_search/scroll");
            clear.setJsonEntity("{\"scroll_id\":[\"" + scrollId + "\"]}");
            old.performRequest(clear);
        }
    }

    /** The hits in a page of the benchmark's documents, counted by their {@code "_id":"} without parsing. */
    private static int hitsIn(byte[] page) {
        int hits = 0;
        outer:
        for (int i = 0; i <= page.length - HIT_ID.length; i++) {
            for (int j = 0; j < HIT_ID.length; j++) {
                if (page[i + j] != HIT_ID[j]) {
                    continue outer;
                }
            }
            hits++;
        }
        return hits;
    }

    private static void printTable(int docs, BackfillRun backfill, Cpu backfillEngines, double reindexSeconds,
                                   Cpu reindexEngines, double rawSeconds, Cpu rawEngines, double defaultsSeconds,
                                   Cpu defaultsEngines, double zeroSeconds, Cpu zeroEngines) {
        double backfillRate = docs / backfill.seconds();
        double reindexRate = docs / reindexSeconds;
        double rawRate = docs / rawSeconds;
        double toCeiling = backfillRate / rawRate;
        double toReindex = backfillRate / reindexRate;
        long rssMiB = backfill.peakRssBytes() >> 20;
        System.out.println();
        System.out.printf("%,d documents, Elasticsearch 7.10 -> OpenSearch 2.19, tags-to-key-value; each way first warmed up "
                + "untimed on the first %,d documents, then run in the order (a) backfill, (b) remote reindex, (c) raw "
                + "ceiling, (d), (e), each into a fresh index (2 shards, 0 replicas, refresh 30s); (a) counts its JVM start, which "
                + "weighs most at small N. CPU: milliseconds per 1,000 documents, from /proc, each engine's until it "
                + "was idle again after the copy (merges included)%n%n", docs, Math.min(docs, MAX_WARM_UP_DOCS));
        System.out.println("| copy | docs/s | seconds | CPU backfill JVM | CPU old engine | CPU new engine |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.printf("| (a) backfill process (one slice per shard: 3, -Xmx%s; wall time incl. JVM start) | %,.0f | %.1f "
                        + "| %.1f (%.1f after start-up, %.1f in the second half) | %.1f | %.1f |%n", backfill.heap(), backfillRate,
                backfill.seconds(), backfill.cpuPerThousand(docs), backfill.copyCpuPerThousand(docs),
                backfill.secondHalfCpuPerThousand(), backfillEngines.oldPerThousand(), backfillEngines.newPerThousand());
        System.out.printf("| (b) remote _reindex by OpenSearch (size %d, Painless; engine's took) | %,.0f | %.1f | - | %.1f | %.1f |%n",
                REINDEX_SIZE, reindexRate, reindexSeconds, reindexEngines.oldPerThousand(), reindexEngines.newPerThousand());
        System.out.printf("| (c) raw _bulk ceiling (pre-serialized, %d docs, %d senders) | %,.0f | %.1f | - | %.1f | %.1f |%n",
                RAW_BULK_DOCS, RAW_SENDERS, rawRate, rawSeconds, rawEngines.oldPerThousand(), rawEngines.newPerThousand());
        System.out.printf("| (d) as (c), into an index with the engine's default settings (1 shard, 1 replica, refresh 1s); "
                        + "not in the ratios | %,.0f | %.1f | - | %.1f | %.1f |%n", docs / defaultsSeconds, defaultsSeconds,
                defaultsEngines.oldPerThousand(), defaultsEngines.newPerThousand());
        System.out.printf("| (e) zero-cost copier: the backfill's scroll (%d slices, %d per page) read as bytes and dropped, "
                        + "(c)'s bodies sent as the pages arrive | %,.0f | %.1f | - | %.1f | %.1f |%n", BACKFILL_SLICES,
                BACKFILL_PAGE, docs / zeroSeconds, zeroSeconds, zeroEngines.oldPerThousand(), zeroEngines.newPerThousand());
        System.out.println();
        System.out.println("| measure | value | goal |");
        System.out.println("|---|---|---|");
        System.out.printf("| backfill / ceiling | %.2f | >= 0.85 (%s) |%n", toCeiling, toCeiling >= 0.85 ? "met" : "NOT met");
        System.out.printf("| backfill / remote reindex | %.2f | >= 1.25 (%s) |%n", toReindex, toReindex >= 1.25 ? "met" : "NOT met");
        System.out.printf("| backfill JVM peak RSS (VmHWM) | %d MiB | <= 512 (%s) |%n", rssMiB, rssMiB <= 512 ? "met" : "NOT met");
        double zeroToCeiling = docs / zeroSeconds / rawRate;
        System.out.printf("| zero-cost copier / ceiling: the most any copier reading the old cluster reaches here | %.2f | "
                + "(%s 0.85) |%n", zeroToCeiling, zeroToCeiling >= 0.85 ? ">=" : "below");
        System.out.printf("| backfill / zero-cost copier | %.2f | |%n", backfillRate * zeroSeconds / docs);
    }

    /**
     * The benchmark's documents, ids doc-0.. in order, passed through {@code transform}, as _bulk bodies of
     * {@code perBody} documents. One seeded generator makes them the same each time, so the old index and the raw
     * ceiling get the same documents without both sets of bodies being held in memory at once.
     */
    private static Bodies bodies(int docs, int perBody, DocumentTransform transform, Function<String, String> actionLine)
            throws IOException {
        Random random = new Random(DOCUMENT_SEED);
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long sourceBytes = 0;
        int inBody = 0;
        for (int i = 0; i < docs; i++) {
            String id = "doc-" + i;
            ObjectNode doc = JSON.createObjectNode();
            doc.put("id", id);
            doc.put("message", "the quick brown fox jumps over the lazy dog, message number " + i
                    + " of the backfill benchmark, copied from the old cluster into the new one three ways, each with four random tags");
            doc.put("n", i);
            ObjectNode tags = doc.putObject("tags");
            while (tags.size() < 4) {
                tags.put("key" + random.nextInt(10), "value-" + random.nextInt(1000));
            }
            sourceBytes += JSON.writeValueAsBytes(doc).length;
            body.write(actionLine.apply(id).getBytes(StandardCharsets.UTF_8));
            body.write(JSON.writeValueAsBytes(transform.apply(id, doc)));
            body.write('\n');
            if (++inBody == perBody) {
                bodies.add(body.toByteArray());
                body.reset();
                inBody = 0;
            }
        }
        if (inBody > 0) {
            bodies.add(body.toByteArray());
        }
        return new Bodies(bodies, sourceBytes);
    }

    private static void bulk(RestClient client, String endpoint, List<byte[]> bodies, int senders) throws Exception {
        bulk(client, endpoint, bodies, senders, body -> { });
    }

    /** What a sender waits for before it sends body number {@code body}. */
    @FunctionalInterface
    private interface BeforeBody {
        void await(int body) throws InterruptedException;
    }

    private static void bulk(RestClient client, String endpoint, List<byte[]> bodies, int senders, BeforeBody before)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        before.await(i);
                        Request bulk = new Request("POST", endpoint);
                        bulk.setEntity(new ByteArrayEntity(bodies.get(i), ContentType.create("application/x-ndjson")));
                        String answer = EntityUtils.toString(client.performRequest(bulk).getEntity());
                        if (answer.contains("\"errors\":true")) {
                            throw new IllegalStateException("bulk had errors: " + answer.substring(0, Math.min(500, answer.length())));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A copy that wrote fewer documents than the source holds is not a result. */
    private static void requireCount(RestClient client, String index, int expected) throws IOException {
        send(client, "POST", "/" + index + "/_refresh", null);
        long count = send(client, "GET", "/" + index + "/_count", null).path("count").asLong(-1);
        if (count != expected) {
            throw new IllegalStateException(index + " holds " + count + " documents, expected " + expected);
        }
    }

    private static JsonNode send(RestClient client, String method, String path, String json) throws IOException {
        Request request = new Request(method, path);
        if (json != null) {
            request.setJsonEntity(json);
        }
        return JSON.readTree(EntityUtils.toString(client.performRequest(request).getEntity()));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
