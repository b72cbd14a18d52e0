package io.tandem.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PartitionCountGuardTest {

    private final PartitionCountGuard guard = new PartitionCountGuard();

    private static MigrationRecord started(int partitions, String versionSource) {
        return new MigrationRecord("commands", partitions, versionSource, "messages-v2", Instant.EPOCH, null);
    }

    @Test
    void anUnchangedPartitionCountPasses() {
        assertThatCode(() -> guard.check(started(6, MigrationRecord.KAFKA_OFFSET), 6)).doesNotThrowAnyException();
    }

    @Test
    void commandVersionsSurviveRepartitioning() {
        assertThatCode(() -> guard.check(started(6, MigrationRecord.COMMAND_FIELD), 12)).doesNotThrowAnyException();
    }

    @Test
    void offsetVersionsAfterRepartitioningStopTheMigrationSayingWhyAndWhatToDo() {
        assertThatThrownBy(() -> guard.check(started(6, MigrationRecord.KAFKA_OFFSET), 12))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("topic 'commands' had 6 partitions when the migration into 'messages-v2' started and has 12"
                        + " now, and versions come from the Kafka offset: offsets order a document's commands only within"
                        + " one partition, so after repartitioning its commands may sit in two partitions and an older"
                        + " command could win; restart the migration into a fresh index, or switch the version source to"
                        + " the command's version field (COMMAND_FIELD)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aNonsensicalCountIsAnArgumentError() {
        assertThatThrownBy(() -> guard.check(started(6, MigrationRecord.COMMAND_FIELD), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
