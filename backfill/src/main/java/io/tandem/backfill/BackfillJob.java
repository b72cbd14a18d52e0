package io.tandem.backfill;

import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.backfill.copy.BackfillCounters;
import io.tandem.backfill.copy.DryRunIndex;
import io.tandem.backfill.copy.SliceCopier;
import io.tandem.core.source.Throttle;
import io.tandem.backfill.progress.Progress;
import io.tandem.core.cluster.ClusterConditionException;
import io.tandem.core.cluster.NodesCpu;
import io.tandem.core.copy.CopyStep;
import io.tandem.core.copy.DeadLetterFile;
import io.tandem.core.sink.BulkLoadTuning;
import io.tandem.core.json.DotPath;
import io.tandem.core.sink.BulkSettings;
import io.tandem.core.sink.SettingChange;
import io.tandem.core.sink.TuningSettings;
import io.tandem.core.sink.VersionRule;
import io.tandem.core.sink.VersionedBulkWriter;
import io.tandem.core.source.ScrollSettings;
import io.tandem.core.source.SliceChunks;
import io.tandem.core.cluster.RetryPolicy;
import io.tandem.core.source.SlicedScrollReader;
import io.tandem.core.source.SourceCost;
import io.tandem.core.state.SliceCheckpoints;
import io.tandem.core.state.StateStore;
import io.tandem.core.transform.DocumentTransform;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backfill run with the scroll engine: this worker's unfinished slices are copied, {@code concurrency} at a time,
 * each checkpointed after every chunk whose copies are all settled and resumed from there by a rerun; the target is tuned for bulk loading meanwhile and restored at
 * the end, also when the run fails or is interrupted.
 */
public final class BackfillJob {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillJob.class);

    /** What to copy and how. */
    public record Settings(String sourceIndex, String targetIndex, ScrollSettings scroll, Duration sourceOutage,
                           long checkpointEvery, int concurrency, long throttleDocsPerSecond, WorkerShare worker, VersionRule version,
                           TuningSettings tuning, boolean dryRun, Duration progressInterval) {
        public Settings {
            if (concurrency < 1) {
                throw new IllegalArgumentException("--concurrency: must be at least 1, was " + concurrency);
            }
            if (checkpointEvery < 0) {
                throw new IllegalArgumentException("--checkpoint-every: must be 0 (whole slices) or more, was "
                        + checkpointEvery);
            }
            if (sourceOutage.isNegative()) {
                throw new IllegalArgumentException("--source-outage: must be zero or positive, was " + sourceOutage);
            }
        }

        public Settings withScroll(ScrollSettings other) {
            return new Settings(sourceIndex, targetIndex, other, sourceOutage, checkpointEvery, concurrency,
                    throttleDocsPerSecond, worker, version, tuning, dryRun, progressInterval);
        }
    }

    private final RestClient source;
    private final RestClient target;
    private final Settings settings;
    private final DocumentTransform transform;
    private final BulkSettings bulk;
    private final MeterRegistry registry;
    private final StateStore state;
    private final DeadLetterFile deadLetters;
    private final Progress progress;
    private volatile boolean cancelled;
    private volatile ExecutorService slicePool;

    public BackfillJob(RestClient source, RestClient target, Settings settings, DocumentTransform transform,
                       BulkSettings bulk, MeterRegistry registry, StateStore state, DeadLetterFile deadLetters,
                       Progress progress) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.transform = transform;
        this.bulk = bulk;
        this.registry = registry;
        this.state = state;
        this.deadLetters = deadLetters;
        this.progress = progress;
    }

    public BackfillReport run() {
        return copy(System.nanoTime());
    }

    /**
     * What of each old document is parsed: the fields the transform and the version rule read; the rest goes to the
     * new index as the old one sent it. Everything, for a transform that does not say what it reads.
     */
    private Optional<Set<DotPath>> parsedPaths() {
        return transform.paths().map(paths -> {
            Set<DotPath> read = new HashSet<>(paths);
            settings.version().documentField().ifPresent(read::add);
            return read;
        });
    }

    private BackfillReport copy(long start) {
        ScrollSettings scroll = settings.scroll().withVersion(settings.version().needsSourceVersion())
                .withParsedPaths(parsedPaths());
        NodesCpu sourceCpuBefore = NodesCpu.read(source);
        SlicedScrollReader reader = new SlicedScrollReader(source, settings.sourceIndex(), scroll,
                RetryPolicy.patientFor(settings.sourceOutage()));
        BackfillCounters counters = new BackfillCounters(registry);
        SliceCheckpoints checkpoints = new SliceCheckpoints(state, settings.sourceIndex(), settings.targetIndex(), reader.slices());
        if (!settings.dryRun()) {
            checkpoints.recordPlan(); // so the cutover can tell "every slice done" knowing only the target
        }
        List<Integer> mine = settings.worker().slicesOf(reader.slices());
        List<Integer> todo = settings.dryRun() ? mine : mine.stream().filter(s -> !checkpoints.isDone(s)).toList();
        long count = reader.count();
        // a slice checkpointed part-way resumes in the chunks it was planned in; the others are planned now
        SliceChunks plan = reader.chunks(settings.checkpointEvery());
        Map<Integer, SliceCheckpoints.Position> from = new LinkedHashMap<>();
        for (int slice : todo) {
            from.put(slice, (settings.dryRun() ? Optional.<SliceCheckpoints.Position>empty() : checkpoints.position(slice))
                    .orElse(SliceCheckpoints.Position.start(plan)));
        }
        long resumed = from.values().stream().filter(SliceCheckpoints.Position::resumed).count();
        long doneEarlier = mine.stream().filter(s -> !todo.contains(s)).mapToLong(checkpoints::documents).sum()
                + from.values().stream().mapToLong(SliceCheckpoints.Position::documents).sum();
        // another worker's share is not known exactly before it is read: estimated by its number of slices
        long share = settings.worker().count() == 1 ? count : count * mine.size() / reader.slices();
        counters.total(Math.max(0, share - doneEarlier));
        LOG.info("backfill {} ({} {}) -> {}: {} documents, slices {} of {} for worker {}, {} already done, {} resumed "
                        + "part-way, {} documents copied before; {} chunks per slice, pages of {} documents", settings.sourceIndex(),
                reader.engine().distribution(), reader.engine().number(), settings.targetIndex(), count, todo,
                reader.slices(), settings.worker(), mine.size() - todo.size(), resumed, doneEarlier, plan.count(),
                reader.pageSize());

        BulkLoadTuning tuning = new BulkLoadTuning(target, state);
        List<SettingChange> changes = settings.dryRun() ? List.of() : tuning.apply(settings.targetIndex(), settings.tuning());
        Map<Integer, String> failures = new LinkedHashMap<>();
        boolean writerStopped = false;
        int copied = 0;
        BackfillReport.Outcome outcome = BackfillReport.Outcome.COMPLETED;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("backfill-progress"));
        DryRunIndex scratch = settings.dryRun() ? DryRunIndex.create(target, settings.targetIndex()) : null;
        String writeIndex = scratch != null ? scratch.name() : settings.targetIndex();
        try (VersionedBulkWriter writer = new VersionedBulkWriter(target, bulk, registry, "tandem.backfill.sink")) {
            ticker.scheduleAtFixedRate(() -> progress.update(counters.snapshot()), 0,
                    settings.progressInterval().toMillis(), TimeUnit.MILLISECONDS);
            SliceCopier copier = new SliceCopier(reader, new CopyStep(transform, writer, deadLetters, writeIndex),
                    settings.version(), new Throttle(settings.throttleDocsPerSecond()), counters, settings.sourceIndex());
            slicePool = Executors.newFixedThreadPool(settings.concurrency(), daemon("backfill-slice"));
            Map<Integer, Future<SliceCopier.SliceResult>> running = new LinkedHashMap<>();
            for (int slice : todo) {
                running.put(slice, slicePool.submit(() -> {
                    SliceCopier.SliceResult result = copier.copy(slice, from.get(slice), position -> {
                        if (!settings.dryRun()) {
                            checkpoints.markPosition(slice, position);
                        }
                    });
                    if (!settings.dryRun()) {
                        // with its failures: a slice that left dead letters is copied again by the next run
                        checkpoints.markDone(slice, result.read(), result.failed());
                    }
                    return result;
                }));
            }
            for (Map.Entry<Integer, Future<SliceCopier.SliceResult>> entry : running.entrySet()) {
                try {
                    entry.getValue().get();
                    copied++;
                } catch (ExecutionException e) {
                    String reason = e.getCause() instanceof InterruptedException ? "interrupted" : String.valueOf(e.getCause().getMessage());
                    failures.put(entry.getKey(), reason);
                    LOG.error("slice {} failed, a rerun redoes it: {}", entry.getKey(), reason);
                } catch (java.util.concurrent.CancellationException e) {
                    failures.put(entry.getKey(), "interrupted");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        } catch (ClusterConditionException e) {
            // closing a stopped writer says why it stopped; the slices it failed carry that reason already
            writerStopped = true;
            LOG.error("the writer stopped: {}", e.getMessage());
        } finally {
            stopSlices();
            // the report counts the dead letters: those of failed slices may still be queued for the file
            deadLetters.flush();
            ticker.shutdownNow();
            progress.update(counters.snapshot());
            progress.close();
            if (scratch != null) {
                scratch.close();
            }
        }
        if (cancelled) {
            outcome = BackfillReport.Outcome.INTERRUPTED;
        } else if (!failures.isEmpty() || writerStopped) {
            outcome = BackfillReport.Outcome.FAILED;
        }
        Restored restored = restoreTuning(tuning, checkpoints, changes, reader.slices());
        SourceCost sourceCost = new SourceCost(reader.requests(), reader.pages(), reader.readsBy(),
                NodesCpu.read(source), sourceCpuBefore);
        return new BackfillReport(outcome, settings.sourceIndex(), settings.targetIndex(), copied,
                mine.size() - todo.size(), failures, counters.snapshot(), Duration.ofNanos(System.nanoTime() - start),
                restored.tuning(), restored.leftBecause(), deadLetters, settings.dryRun(), sourceCost);
    }

    /** The tuning a run reports (what was applied, by it or a killed run before it), and why it stays, if it does. */
    private record Restored(List<SettingChange> tuning, String leftBecause) {
    }

    /**
     * Alone, the job restores the tuning whatever happened. One of several workers restores it only when every
     * slice of the job is done: the others may still be loading. A dry run never tuned anything.
     */
    private Restored restoreTuning(BulkLoadTuning tuning, SliceCheckpoints checkpoints, List<SettingChange> applied,
                                   int slices) {
        if (settings.dryRun() || !tuning.isTuned(settings.targetIndex())) {
            return new Restored(applied, null);
        }
        boolean last = settings.worker().count() == 1
                || java.util.stream.IntStream.range(0, slices).allMatch(checkpoints::isDone);
        if (!last) {
            return new Restored(applied, "slices of other workers are unfinished; the last worker to finish restores "
                    + "it (or run tandem backfill --restore-tuning)");
        }
        List<SettingChange> undone = tuning.restore(settings.targetIndex());
        // a run resuming a killed one applied nothing itself: report the tuning that run had applied
        List<SettingChange> reported = !applied.isEmpty() ? applied
                : undone.stream().map(c -> new SettingChange(c.setting(), c.after(), c.before())).toList();
        return new Restored(reported, null);
    }

    /** Stops reading, lets settled writes finish, restores the tuning; {@link #run()} then returns INTERRUPTED. */
    public void cancel() {
        cancelled = true;
        stopSlices();
    }

    /** Interrupts running slices and cancels queued ones, so that waiting for any of them ends. */
    private void stopSlices() {
        ExecutorService pool = slicePool;
        if (pool != null) {
            // shutdownNow only drops queued tasks: their futures must be cancelled or get() would wait forever
            pool.shutdownNow().forEach(task -> {
                if (task instanceof Future<?> future) {
                    future.cancel(false);
                }
            });
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
