package io.tandem.ops.cutover;

import io.tandem.core.cluster.Sleeper;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The freshness precondition: the {@link FreshnessRule} (by default: lag 0) must hold for {@code holdFor}, sampled
 * every {@code pollInterval}; a stretch interrupted by a sample where it does not hold starts again. It waits for
 * such a stretch at most {@code timeout}, then fails with the last sample: with the application still writing, the
 * lag comes and goes, and a single good sample would prove nothing.
 */
public final class LagGate {

    /**
     * @param holdFor      how long the rule must hold; zero: one sample where it holds is enough
     * @param timeout      how long to wait for such a stretch, at least {@code holdFor}
     * @param pollInterval how often to sample
     * @param rule         what must hold
     */
    public record Settings(Duration holdFor, Duration timeout, Duration pollInterval, FreshnessRule rule) {
        public Settings {
            if (holdFor == null || holdFor.isNegative()) {
                throw new IllegalArgumentException("holdFor: must be zero or positive, was " + holdFor);
            }
            if (timeout == null || timeout.compareTo(holdFor) < 0) {
                throw new IllegalArgumentException("timeout: must be at least holdFor (" + holdFor + "), was " + timeout);
            }
            if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("pollInterval: must be positive, was " + pollInterval);
            }
            Objects.requireNonNull(rule, "rule");
        }
    }

    private final LagProbe probe;
    private final Settings settings;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    public LagGate(LagProbe probe, Settings settings) {
        this(probe, settings, System::nanoTime, Sleeper.THREAD);
    }

    LagGate(LagProbe probe, Settings settings, LongSupplier nanoTime, Sleeper sleeper) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Waits for the rule to hold for {@code holdFor}, at most {@code timeout}. */
    public CheckResult await() throws InterruptedException {
        FreshnessRule rule = settings.rule();
        long start = nanoTime.getAsLong();
        long heldSince = -1;
        long maxLag = 0;
        int polls = 0;
        while (true) {
            OffsetsSample sample;
            try {
                sample = probe.sample(rule);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                return CheckResult.fail(Precondition.LAG, "cannot be measured: " + e.getMessage());
            }
            polls++;
            maxLag = Math.max(maxLag, sample.lag());
            long now = nanoTime.getAsLong();
            if (rule.holds(sample)) {
                if (heldSince < 0) {
                    heldSince = now;
                }
                if (now - heldSince >= settings.holdFor().toNanos()) {
                    return CheckResult.pass(Precondition.LAG, String.format(Locale.ROOT, "%s held for %s (%d "
                            + "measurements); lag %d at the last: %s", rule.requirement(), settings.holdFor(), polls,
                            sample.lag(), sample.describe()));
                }
            } else {
                heldSince = -1;
            }
            if (now - start >= settings.timeout().toNanos()) {
                return CheckResult.fail(Precondition.LAG, String.format(Locale.ROOT, "%s did not hold for %s within "
                        + "%s; lag %d at the last of %d measurements (up to %d): %s", rule.requirement(),
                        settings.holdFor(), settings.timeout(), sample.lag(), polls, maxLag, sample.describe()));
            }
            sleeper.sleep(settings.pollInterval());
        }
    }

    /**
     * One sample: for when the cutover is refused anyway and waiting would only delay saying so, or a look at where
     * things stand ({@code status}).
     *
     * @param why why it is measured once, e.g. {@code another check failed}; null for no reason given
     */
    public CheckResult once(String why) {
        FreshnessRule rule = settings.rule();
        try {
            OffsetsSample sample = probe.sample(rule);
            boolean holds = rule.holds(sample);
            String measured = String.format(Locale.ROOT, "%s %s: lag %d (measured once%s): %s", rule.requirement(),
                    holds ? "holds" : "does not hold", sample.lag(), why == null ? "" : ": " + why, sample.describe());
            return holds ? CheckResult.pass(Precondition.LAG, measured) : CheckResult.fail(Precondition.LAG, measured);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return CheckResult.fail(Precondition.LAG, "cannot be measured: " + e.getMessage());
        }
    }
}
