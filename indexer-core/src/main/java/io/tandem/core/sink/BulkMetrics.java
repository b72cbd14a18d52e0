package io.tandem.core.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writer's meters, all named {@code <prefix>.*}:
 * <ul>
 *   <li>{@code <prefix>.items{outcome=applied|stale|rejected}}: writes that reached that final outcome</li>
 *   <li>{@code <prefix>.retries}: writes sent again after a transient failure (one per write and retry)</li>
 *   <li>{@code <prefix>.bulk.latency}: time from sending a {@code _bulk} request to its answer or failure</li>
 *   <li>{@code <prefix>.bulk.bytes}: body size of each {@code _bulk} request sent</li>
 *   <li>{@code <prefix>.in_flight}: batches being written (sent, or waiting to be retried)</li>
 * </ul>
 */
final class BulkMetrics {

    private final MeterRegistry registry;
    private final Map<WriteOutcome, Counter> items = new EnumMap<>(WriteOutcome.class);
    private final Counter retries;
    private final Timer latency;
    private final DistributionSummary bulkBytes;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Gauge inFlightGauge;

    BulkMetrics(MeterRegistry registry, String prefix) {
        this.registry = registry;
        for (WriteOutcome outcome : WriteOutcome.values()) {
            items.put(outcome, Counter.builder(prefix + ".items")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .description("writes that reached this final outcome")
                    .register(registry));
        }
        retries = Counter.builder(prefix + ".retries")
                .description("writes sent again after a transient failure")
                .register(registry);
        latency = Timer.builder(prefix + ".bulk.latency")
                .description("time from sending a _bulk request to its answer")
                .register(registry);
        bulkBytes = DistributionSummary.builder(prefix + ".bulk.bytes")
                .baseUnit("bytes")
                .description("body size of each _bulk request")
                .register(registry);
        inFlightGauge = Gauge.builder(prefix + ".in_flight", inFlight, AtomicInteger::get)
                .description("batches being written: sent, or waiting to be retried")
                .register(registry);
    }

    void completed(WriteOutcome outcome) {
        items.get(outcome).increment();
    }

    void retried(int writes) {
        retries.increment(writes);
    }

    Timer.Sample startRequest(long bodyBytes) {
        bulkBytes.record(bodyBytes);
        return Timer.start(registry);
    }

    void requestEnded(Timer.Sample sample) {
        sample.stop(latency);
    }

    void inFlight(int batches) {
        inFlight.set(batches);
    }

    /**
     * Removes the gauge, which reads this writer's state: a later writer with the same prefix would otherwise find
     * it registered and report through it. The counters stay: they are cumulative and a later writer goes on with
     * them.
     */
    void close() {
        registry.remove(inFlightGauge);
    }
}
