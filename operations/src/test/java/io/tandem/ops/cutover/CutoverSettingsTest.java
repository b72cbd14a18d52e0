package io.tandem.ops.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.schema.IndexDefinition;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CutoverSettingsTest {

    @Test
    void anAliasNamedLikeAnIndexIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> settings("v1", "w", Set.of()))
                .hasMessage("readAlias: an alias cannot have the name of an index, was v1");
        assertThatThrownBy(() -> settings("r", "v2", Set.of()))
                .hasMessage("writeAlias: an alias cannot have the name of an index, was v2");
    }

    @Test
    void theAliasCheckCannotBeSkipped() {
        assertThatThrownBy(() -> settings("r", "r", Set.of(Precondition.ALIASES)))
                .hasMessage("skipped: the alias check cannot be skipped");
        assertThat(settings("r", "r", Set.of(Precondition.LAG, Precondition.BACKFILL)).skipped())
                .containsExactlyInAnyOrder(Precondition.LAG, Precondition.BACKFILL);
    }

    @Test
    void oneAliasForBothIsOneNameToMove() {
        assertThat(settings("r", "r", Set.of()).aliases()).containsExactly("r");
        assertThat(settings("r", "w", Set.of()).aliases()).containsExactlyInAnyOrder("r", "w");
    }

    private static CutoverSettings settings(String readAlias, String writeAlias, Set<Precondition> skipped) {
        return new CutoverSettings(CutoverMode.SAME_CLUSTER, "v1", "v2", readAlias, writeAlias,
                IndexDefinition.parse("{\"mappings\":{}}", "test"), "test", skipped, false, Duration.ofHours(1),
                new LagGate.Settings(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), FreshnessRule.LAG_ZERO), false, false);
    }
}
