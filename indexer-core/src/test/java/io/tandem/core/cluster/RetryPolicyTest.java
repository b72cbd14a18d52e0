package io.tandem.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1000));

    @RepeatedTest(20)
    void delaysGrowExponentiallyWithJitterUpToTheMaximum() {
        assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayBefore(2)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(policy.delayBefore(3)).isBetween(Duration.ofMillis(100), Duration.ofMillis(400));
        assertThat(policy.delayBefore(5)).isBetween(Duration.ofMillis(100), Duration.ofMillis(1000));
        assertThat(policy.delayBefore(1000)).isBetween(Duration.ofMillis(100), Duration.ofMillis(1000));
    }

    @RepeatedTest(20)
    void theDefaultWaitsAtMostFifteenAndAHalfSecondsInAll() {
        Duration waited = Duration.ZERO;
        for (int retry = 1; retry < RetryPolicy.DEFAULT.attempts(); retry++) {
            waited = waited.plus(RetryPolicy.DEFAULT.delayBefore(retry));
        }
        assertThat(waited).isBetween(Duration.ofMillis(2500), Duration.ofMillis(15_500));
    }

    @Test
    void aPatientPolicyGivesUpOnceTheCallHasFailedForItsPatienceNotAfterACountOfTries() {
        RetryPolicy patient = RetryPolicy.patientFor(Duration.ofMinutes(5));

        assertThat(patient.lastAttempt(1_000, Duration.ofMinutes(4))).isFalse();
        assertThat(patient.lastAttempt(2, Duration.ofMinutes(5))).isTrue();
        assertThat(patient.delayBefore(30)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(8));
        assertThat(RetryPolicy.DEFAULT.lastAttempt(6, Duration.ZERO)).as("the default counts tries").isTrue();
        assertThat(RetryPolicy.DEFAULT.lastAttempt(5, Duration.ofHours(1))).isFalse();
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessage("attempts: must be at least 1, was 0");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ofMillis(1)))
                .hasMessage("delays: need 1ms <= initialDelay <= maxDelay, were PT0S and PT0.001S");
        assertThatThrownBy(() -> RetryPolicy.patientFor(Duration.ofSeconds(-1)))
                .hasMessage("patience: must be zero or positive, was PT-1S");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(2), Duration.ofMillis(1)))
                .hasMessage("delays: need 1ms <= initialDelay <= maxDelay, were PT0.002S and PT0.001S");
    }
}
