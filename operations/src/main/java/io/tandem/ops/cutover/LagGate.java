package io.tandem.ops.cutover;

import io.tandem.core.cluster.Sleeper;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The lag precondition: the consumer's lag must be 0 and stay 0 for {@code zeroFor}, measured every
 * {@code pollInterval}; a stretch that is interrupted by any lag starts again. It waits for such a stretch at most
 * {@code timeout}, then fails with the last lag measured: with the application still writing, the lag comes and goes,
 * and a single 0 would prove nothing.
 */
public final class LagGate {

    /**
     * @param zeroFor      how long the lag must stay 0; zero: one measurement of 0 is enough
     * @param timeout      how long to wait for such a stretch, at least {@code zeroFor}
     * @param pollInterval how often to measure
     */
    public record Settings(Duration zeroFor, Duration timeout, Duration pollInterval) {
        public Settings {
            if (zeroFor == null || zeroFor.isNegative()) {
                throw new IllegalArgumentException("zeroFor: must be zero or positive, was " + zeroFor);
            }
            if (timeout == null || timeout.compareTo(zeroFor) < 0) {
                throw new IllegalArgumentException("timeout: must be at least zeroFor (" + zeroFor + "), was " + timeout);
            }
            if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("pollInterval: must be positive, was " + pollInterval);
            }
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

    /** Waits for the lag to stay 0 for {@code zeroFor}, at most {@code timeout}. */
    public CheckResult await() throws InterruptedException {
        long start = nanoTime.getAsLong();
        long zeroSince = -1;
        long maxLag = 0;
        int polls = 0;
        while (true) {
            long lag;
            try {
                lag = probe.totalLag();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                return CheckResult.fail(Precondition.LAG, "cannot be measured: " + e.getMessage());
            }
            polls++;
            long now = nanoTime.getAsLong();
            if (lag == 0) {
                if (zeroSince < 0) {
                    zeroSince = now;
                }
                if (now - zeroSince >= settings.zeroFor().toNanos()) {
                    return CheckResult.pass(Precondition.LAG, String.format(Locale.ROOT, "0 for %s (%d measurements)",
                            settings.zeroFor(), polls));
                }
            } else {
                zeroSince = -1;
                maxLag = Math.max(maxLag, lag);
            }
            if (now - start >= settings.timeout().toNanos()) {
                return CheckResult.fail(Precondition.LAG, String.format(Locale.ROOT, "%d at the last of %d measurements "
                        + "(up to %d); 0 did not hold for %s within %s", lag, polls, maxLag, settings.zeroFor(),
                        settings.timeout()));
            }
            sleeper.sleep(settings.pollInterval());
        }
    }

    /** One measurement, for when the cutover is refused anyway and waiting would only delay saying so. */
    public CheckResult once() {
        try {
            long lag = probe.totalLag();
            return lag == 0 ? CheckResult.pass(Precondition.LAG, "0 (measured once: another check failed)")
                    : CheckResult.fail(Precondition.LAG, lag + " (measured once: another check failed)");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return CheckResult.fail(Precondition.LAG, "cannot be measured: " + e.getMessage());
        }
    }
}
