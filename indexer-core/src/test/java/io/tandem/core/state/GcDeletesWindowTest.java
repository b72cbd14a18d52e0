package io.tandem.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading and writing the engine's time values; the setting itself is tested on real engines. */
class GcDeletesWindowTest {

    @Test
    void readsEngineTimeValues() {
        assertThat(GcDeletesWindow.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(GcDeletesWindow.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(GcDeletesWindow.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(GcDeletesWindow.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(GcDeletesWindow.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GcDeletesWindow.parse("250micros")).isEqualTo(Duration.ofNanos(250_000));
    }

    @Test
    void aNegativeWindowIsNoWindow() {
        assertThat(GcDeletesWindow.parse("-1")).isZero();
        assertThat(GcDeletesWindow.parse("-1ms")).isZero();
        assertThat(GcDeletesWindow.parse("0")).isZero();
    }

    @Test
    void anUnreadableValueIsNamed() {
        assertThatThrownBy(() -> GcDeletesWindow.parse("an hour")).hasMessage("cannot read index.gc_deletes value 'an hour'");
    }

    @Test
    void writesTheLargestWholeUnit() {
        assertThat(GcDeletesWindow.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(GcDeletesWindow.format(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(GcDeletesWindow.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(GcDeletesWindow.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(GcDeletesWindow.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
