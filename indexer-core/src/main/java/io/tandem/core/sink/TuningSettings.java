package io.tandem.core.sink;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Index settings that make a bulk load cheaper, applied to the target index while the backfill runs and put back
 * afterwards by {@link BulkLoadTuning}. Empty = leave that setting alone.
 *
 * <p>What they cost, since the live consumer writes into the same index meanwhile: with no replica, losing the node
 * of a shard loses the shard; with an asynchronous translog, a node crash loses the writes of the last sync interval
 * (5 s by default) although they were acknowledged, and the consumer has committed their offsets. Either way the
 * target no longer holds everything Kafka says it does, and the migration must start again (new consumer group,
 * backfill again) rather than carry on. Restore before verifying and cutting over: with refresh off, nothing new is
 * searchable.
 *
 * @param refreshInterval    {@code index.refresh_interval}, e.g. {@code "-1"}: no refresh, so no small segments
 *                           to merge while millions of documents arrive
 * @param replicas           {@code index.number_of_replicas}: with 0, each document is indexed once instead of on
 *                           every copy; the replicas are built afterwards by copying finished segments
 * @param translogDurability {@code index.translog.durability}, {@code "request"} or {@code "async"}: async fsyncs the
 *                           translog every few seconds instead of per request
 */
public record TuningSettings(Optional<String> refreshInterval, OptionalInt replicas, Optional<String> translogDurability) {

    static final String REFRESH_INTERVAL = "index.refresh_interval";
    static final String REPLICAS = "index.number_of_replicas";
    static final String TRANSLOG_DURABILITY = "index.translog.durability";

    private static final Set<String> DURABILITIES = Set.of("request", "async");

    public TuningSettings {
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(translogDurability, "translogDurability");
        if (refreshInterval.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("refreshInterval: must not be blank");
        }
        if (replicas.isPresent() && replicas.getAsInt() < 0) {
            throw new IllegalArgumentException("replicas: must be at least 0, was " + replicas.getAsInt());
        }
        translogDurability = translogDurability.map(value -> value.toLowerCase(Locale.ROOT));
        if (translogDurability.filter(value -> !DURABILITIES.contains(value)).isPresent()) {
            throw new IllegalArgumentException("translogDurability: must be 'request' or 'async', was '"
                    + translogDurability.get() + "'");
        }
    }

    /** No refresh, no replicas, asynchronous translog: the cheapest indexing while a backfill runs. */
    public static TuningSettings bulkLoad() {
        return new TuningSettings(Optional.of("-1"), OptionalInt.of(0), Optional.of("async"));
    }

    /** Leaves the index as it is. */
    public static TuningSettings none() {
        return new TuningSettings(Optional.empty(), OptionalInt.empty(), Optional.empty());
    }

    /** The flat setting names and values this tuning sets, in a fixed order (the order of reports). */
    Map<String, String> asSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        refreshInterval.ifPresent(value -> settings.put(REFRESH_INTERVAL, value));
        replicas.ifPresent(value -> settings.put(REPLICAS, Integer.toString(value)));
        translogDurability.ifPresent(value -> settings.put(TRANSLOG_DURABILITY, value));
        return settings;
    }
}
