package io.tandem.core.cutover;

import static io.tandem.core.cutover.AliasActionsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JournalEntryTest {

    @Test
    void survivesTheStateIndexWithEverythingARollbackNeeds() {
        AliasState before = new AliasState(List.of(new AliasBinding("r", "v1",
                (com.fasterxml.jackson.databind.node.ObjectNode) json("{'filter':{'term':{'a':1}}}"))));
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

    @Test
    void cutoverSettingsRefuseAnAliasNamedLikeAnIndexAndSkippingTheAliasCheck() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings("v1", java.util.Set.of()))
                .hasMessage("readAlias: an alias cannot have the name of an index, was v1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings("r", java.util.Set.of(Precondition.ALIASES)))
                .hasMessage("skipped: the alias check cannot be skipped");
        assertThat(settings("r", java.util.Set.of()).aliases()).containsExactly("r");
    }

    private static CutoverSettings settings(String readAlias, java.util.Set<Precondition> skipped) {
        return new CutoverSettings(CutoverMode.SAME_CLUSTER, "v1", "v2", readAlias, readAlias,
                io.tandem.core.schema.IndexDefinition.parse("{\"mappings\":{}}", "test"), "test", skipped, false,
                Duration.ofHours(1), new LagGate.Settings(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)), false,
                false);
    }
}
