package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BulkSettingsTest {

    private final BulkSettings defaults = BulkSettings.defaults();

    @Test
    void defaultsAreAThousandDocsFiveMebibytesTwoInFlightAndA200MsFlush() {
        assertThat(defaults.maxDocs()).isEqualTo(1000);
        assertThat(defaults.maxBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(defaults.maxInFlight()).isEqualTo(2);
        assertThat(defaults.flushInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void withersChangeOneSetting() {
        BulkSettings changed = defaults.withMaxDocs(10).withMaxBytes(2048).withMaxInFlight(4)
                .withFlushInterval(Duration.ofSeconds(1)).withBackoff(Duration.ofMillis(5), Duration.ofMillis(50));

        assertThat(changed).isEqualTo(new BulkSettings(10, 2048, 4, Duration.ofSeconds(1), Duration.ofMillis(5),
                Duration.ofMillis(50)));
    }

    @Test
    void eachInvalidSettingIsNamedInAOneLineMessage() {
        assertInvalid(() -> defaults.withMaxDocs(0), "maxDocs: must be at least 1, was 0");
        assertInvalid(() -> defaults.withMaxBytes(0), "maxBytes: must be between 1 and 1073741824, was 0");
        assertInvalid(() -> defaults.withMaxBytes(2L << 30), "maxBytes: must be between 1 and 1073741824, was 2147483648");
        assertInvalid(() -> defaults.withMaxInFlight(0), "maxInFlight: must be at least 1, was 0");
        assertInvalid(() -> defaults.withFlushInterval(Duration.ZERO), "flushInterval: must be a positive duration, was PT0S");
        assertInvalid(() -> defaults.withFlushInterval(null), "flushInterval: must be a positive duration, was null");
        assertInvalid(() -> defaults.withBackoff(Duration.ofMillis(-1), Duration.ofSeconds(1)),
                "initialBackoff: must be a positive duration, was PT-0.001S");
        assertInvalid(() -> defaults.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)),
                "maxBackoff: must be at least initialBackoff (PT2S), was PT1S");
        assertInvalid(() -> defaults.withBackoff(Duration.ofSeconds(1), Duration.ofDays(2)),
                "maxBackoff: must be at most PT24H, was PT48H");
    }

    private static void assertInvalid(Runnable build, String message) {
        assertThatThrownBy(build::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message)
                .hasMessageNotContaining("\n");
    }
}
