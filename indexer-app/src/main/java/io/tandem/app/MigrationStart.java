package io.tandem.app;

import io.tandem.core.schema.ContractResult;
import io.tandem.core.schema.IndexDefinition;
import io.tandem.core.schema.MappingContract;
import io.tandem.core.state.GcDeletesWindow;
import io.tandem.core.state.MigrationRecord;
import io.tandem.core.state.PartitionCountGuard;
import io.tandem.core.state.StateStore;
import io.tandem.core.state.TransformRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What must hold before the first record is applied: the target index matches its contract (or is created from it),
 * and the migration is recorded in the state index — on first start with the topic's partition count and with
 * gc_deletes raised to cover the migration; on every later start checked against that record — and so is the
 * transform, which the backfill may have recorded first.
 */
final class MigrationStart {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationStart.class);

    private final RestClient client;
    private final Properties kafka;
    private final ReplayOptions replay;
    private final IndexOptions index;
    private final TransformRecord transform;

    MigrationStart(RestClient client, Properties kafka, ReplayOptions replay, IndexOptions index,
                   TransformRecord transform) {
        this.client = client;
        this.kafka = kafka;
        this.replay = replay;
        this.index = index;
        this.transform = transform;
    }

    void prepare() throws Exception {
        // Kafka and the target answer independently: the topic is described while the contract is checked, which
        // takes the Kafka client's loading and round trips (~0.5 s) off the time before the first record. The state
        // index is not touched before the contract passes, so that a refused start creates nothing
        FutureTask<Integer> partitionCount = inBackground("tandem-describe-topic", this::partitionCount);
        checkContract();
        int partitions = resultOf(partitionCount);
        StateStore state = new StateStore(client, index.state.name());
        GcDeletesWindow gcDeletes = new GcDeletesWindow(client);
        MigrationRecord record = new MigrationRecord(replay.topic, partitions, replay.versionSource.name(),
                index.index, Instant.now(), gcDeletes.current(index.index).orElse(null));
        String key = record.key();
        if (state.writeIfAbsent(key, record.toJson())) {
            LOG.info("migration recorded: {} partitions of {}", partitions, replay.topic);
        } else {
            MigrationRecord recorded = MigrationRecord.fromJson(state.read(key).orElseThrow());
            new PartitionCountGuard().check(recorded, partitions);
            LOG.info("migration resumed (started {})", recorded.startedAt());
        }
        transform.recordOrCheck(state, index.index); // the backfill may have recorded it first
        // on every start, before the first record is applied (a tombstone that expired under the old window is gone
        // for good); never shortens the window, so it is a no-op once raised, and a start killed between recording
        // the migration and raising it is mended by the next one
        if (gcDeletes.raise(index.index, index.gcDeletesWindow)) {
            LOG.info("index.gc_deletes of {} raised to {}", index.index, index.gcDeletesWindow);
        }
    }

    private void checkContract() {
        IndexDefinition expected = IndexDefinition.load(index.mappingFile);
        MappingContract contract = new MappingContract(client);
        ContractResult result = contract.check(index.index, expected);
        if (!result.exists()) {
            if (!index.createIndex) {
                throw new IllegalStateException("index " + index.index + " does not exist: create it (schema sync) "
                        + "or pass --create-index to create it from " + index.mappingFile);
            }
            contract.createIndex(index.index, expected);
            LOG.info("created {} from {}", index.index, index.mappingFile);
        } else if (!result.matches()) {
            throw new IllegalStateException("the mapping of " + index.index + " differs from " + index.mappingFile
                    + "; refusing to start:\n" + result.differences().stream().map(d -> "  " + d).collect(Collectors.joining("\n")));
        } else if (!result.dynamicFields().isEmpty()) {
            // a restart after documents added fields where the contract lets the engine add them: not drift
            LOG.info("{} keeps {}; {}\n{}", index.index, index.mappingFile, result.dynamicFieldsHeading(),
                    result.dynamicFields().stream().map(d -> "  " + d).collect(Collectors.joining("\n")));
        }
    }

    /** A daemon thread: a failed contract check does not wait for it. */
    private static <T> FutureTask<T> inBackground(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** The task's result, or what it threw (its own one-line errors), as if it had run here. */
    private static <T> T resultOf(FutureTask<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    private int partitionCount() throws InterruptedException {
        Admin admin = Admin.create(kafka);
        try {
            return admin.describeTopics(List.of(replay.topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(replay.topic).partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("topic " + replay.topic + " does not exist on " + kafka.get("bootstrap.servers"));
            }
            throw new IllegalStateException("cannot describe topic " + replay.topic + ": " + e.getCause().getMessage(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.get("bootstrap.servers") + " did not answer within 30 s", e);
        } finally {
            // without a bound, close waits out a request Kafka never answered (up to default.api.timeout.ms, 60 s)
            admin.close(Duration.ofSeconds(1));
        }
    }
}
