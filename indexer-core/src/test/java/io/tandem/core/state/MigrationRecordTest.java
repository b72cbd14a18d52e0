package io.tandem.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MigrationRecordTest {

    private static final Instant START = Instant.parse("2024-05-01T10:15:30Z");

    @Test
    void roundTripsThroughJson() {
        MigrationRecord record = new MigrationRecord("commands", 6, MigrationRecord.KAFKA_OFFSET, "messages-v2", START, "2h");
        ObjectNode json = record.toJson();
        assertThat(json.toString()).isEqualTo("{\"topic\":\"commands\",\"partitionCount\":6,\"versionSource\":\"KAFKA_OFFSET\","
                + "\"targetIndex\":\"messages-v2\",\"startedAt\":\"2024-05-01T10:15:30Z\",\"previousGcDeletes\":\"2h\"}");
        assertThat(MigrationRecord.fromJson(json)).isEqualTo(record);
    }

    @Test
    void anEngineDefaultGcDeletesIsRecordedAsNull() {
        MigrationRecord record = new MigrationRecord("commands", 3, MigrationRecord.COMMAND_FIELD, "messages-v2", START, null);
        assertThat(record.toJson().get("previousGcDeletes").isNull()).isTrue();
        assertThat(MigrationRecord.fromJson(record.toJson())).isEqualTo(record);
        assertThat(record.previousGcDeletesSetting()).isEmpty();
    }

    @Test
    void isKeptUnderTheTargetIndexsKey() {
        MigrationRecord record = new MigrationRecord("commands", 3, MigrationRecord.COMMAND_FIELD, "messages-v2", START, null);
        assertThat(record.key()).isEqualTo("migration/messages-v2").isEqualTo(MigrationRecord.keyFor("messages-v2"));
    }

    @Test
    void rejectsWhatWouldMisleadTheGuards() {
        assertThatThrownBy(() -> new MigrationRecord("commands", 0, MigrationRecord.KAFKA_OFFSET, "t", START, null))
                .hasMessage("a topic has at least one partition, was 0");
        assertThatThrownBy(() -> new MigrationRecord("commands", 3, "offset", "t", START, null))
                .hasMessage("unknown version source 'offset'; valid: KAFKA_OFFSET, COMMAND_FIELD");
        assertThatThrownBy(() -> new MigrationRecord(" ", 3, MigrationRecord.KAFKA_OFFSET, "t", START, null))
                .hasMessage("migration record: topic is required");
    }

    @Test
    void aDamagedRecordNamesTheField() {
        ObjectNode json = new MigrationRecord("commands", 6, MigrationRecord.KAFKA_OFFSET, "t", START, null).toJson();
        json.remove("targetIndex");
        assertThatThrownBy(() -> MigrationRecord.fromJson(json)).hasMessage("migration record: targetIndex is missing or not a string");
        json.put("targetIndex", "t").put("partitionCount", "six");
        assertThatThrownBy(() -> MigrationRecord.fromJson(json)).hasMessage("migration record: partitionCount must be a whole number, was \"six\"");
        json.put("partitionCount", 6).put("startedAt", "yesterday");
        assertThatThrownBy(() -> MigrationRecord.fromJson(json)).hasMessage("migration record: startedAt is not an ISO-8601 instant: \"yesterday\"");
    }
}
