package io.tandem.ops.cutover;

import static io.tandem.ops.cutover.AliasActionsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JournalEntryTest {

    @Test
    void survivesTheStateIndexWithEverythingARollbackNeeds() {
        AliasState before = new AliasState(List.of(new AliasBinding("r", "v1",
                (ObjectNode) json("{'filter':{'term':{'a':1}}}"))));
        JournalEntry entry = new JournalEntry("cutover-1", JournalEntry.Action.CUTOVER, JournalEntry.Status.SWITCHED,
                Instant.parse("2025-03-01T12:00:00Z"), CutoverMode.SAME_CLUSTER, "v1", "v2", "r", "w",
                List.of(new CheckResult(Precondition.LAG, CheckStatus.PASS, "0 for PT10S (21 measurements)")), before,
                Optional.of(new AliasState(List.of(AliasBinding.plain("r", "v2")))),
                (ArrayNode) json("[{'add':{'index':'v2','alias':'r'}}]"), Optional.of(Duration.ofNanos(12_345_000)),
                List.of(new IndexSettingChange("v2", "index.gc_deletes", "7d", null)), null);

        JournalEntry read = JournalEntry.fromJson(entry.toJson());

        assertThat(read).isEqualTo(entry);
        assertThat(entry.toJson().path("switchMillis").asDouble()).isEqualTo(12.345);
        assertThat(read.undoable()).isTrue();
        assertThat(read.withStatus(JournalEntry.Status.ROLLED_BACK).undoable()).isFalse();
        assertThat(read.changes().get(0).reversed().toString()).isEqualTo("index.gc_deletes of v2: (default) -> 7d");
    }
}
