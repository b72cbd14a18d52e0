package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TuningSettingsTest {

    @Test
    void bulkLoadTurnsOffRefreshAndReplicasAndSyncsTheTranslogAsynchronously() {
        assertThat(TuningSettings.bulkLoad().asSettings()).containsExactly(
                entry("index.refresh_interval", "-1"),
                entry("index.number_of_replicas", "0"),
                entry("index.translog.durability", "async"));
    }

    @Test
    void noneSetsNothing() {
        assertThat(TuningSettings.none().asSettings()).isEmpty();
    }

    @Test
    void anEmptySettingIsLeftAlone() {
        TuningSettings onlyRefresh = new TuningSettings(Optional.of("30s"), OptionalInt.empty(), Optional.empty());
        assertThat(onlyRefresh.asSettings()).containsOnlyKeys("index.refresh_interval");
    }

    @Test
    void refusesValuesTheEngineWouldRefuseLater() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TuningSettings(Optional.of(" "), OptionalInt.empty(), Optional.empty()))
                .withMessage("refreshInterval: must not be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TuningSettings(Optional.empty(), OptionalInt.of(-1), Optional.empty()))
                .withMessage("replicas: must be at least 0, was -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TuningSettings(Optional.empty(), OptionalInt.empty(), Optional.of("never")))
                .withMessage("translogDurability: must be 'request' or 'async', was 'never'");
    }

    @Test
    void durabilityIsNormalisedToLowerCase() {
        assertThat(new TuningSettings(Optional.empty(), OptionalInt.empty(), Optional.of("ASYNC")).translogDurability())
                .contains("async");
    }
}
