package io.tandem.core.state;

import io.tandem.core.cluster.EngineCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall.Reply;
import io.tandem.core.json.JsonMappers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the target index remembers a deleted document's version ({@code index.gc_deletes}, default 60s).
 *
 * <p>Why it matters: the consumer and the backfill write into one external version space, and a delete leaves a
 * tombstone (id, version, time) in the shard's in-memory version map. A write arriving later is checked against
 * that tombstone only while {@code now - deleteTime <= gc_deletes}: after that the engine ignores the tombstone at
 * once (whether or not a refresh has pruned it yet), finds no live document, and accepts any version, so a late
 * backfill write (version 0) would bring the deleted document back. The window must therefore cover the whole
 * migration, and be raised <em>before</em> the first delete lands: raising it later cannot revive tombstones already
 * expired.
 *
 * <p>The window is necessary, not sufficient: tombstones live only in memory, so closing and reopening the index,
 * restarting its node or moving its primary shard drops them whatever the setting (see the proof test).
 */
public final class GcDeletesWindow {

    static final String SETTING = "index.gc_deletes";
    static final Duration ENGINE_DEFAULT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(GcDeletesWindow.class);
    private static final Pattern TIME_VALUE = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(nanos|micros|ms|s|m|h|d)");

    private final RestClient client;

    public GcDeletesWindow(RestClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The explicit {@code index.gc_deletes} of {@code index} as the engine returns it ({@code "1h"}), or empty when
     * the index has the engine default (60s).
     *
     * @param index an index, or an alias of exactly one index
     */
    public Optional<String> current(String index) {
        // all settings, not just this one: an index without it would be left out of the answer, hiding which
        // concrete indices the name resolves to
        Reply reply = EngineCall.send(client, "GET", "/" + EngineCall.segment(index) + "/_settings?flat_settings=true", null);
        JsonNode value = reply.oneIndex(index, "gc_deletes is read from one concrete index").getValue()
                .path("settings").path(SETTING);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** How long {@code index} keeps deleted documents' versions now: its explicit setting or the engine default. */
    public Duration effective(String index) {
        return current(index).map(GcDeletesWindow::parse).orElse(ENGINE_DEFAULT);
    }

    /** Whether {@code index} keeps tombstones longer than the engine default, as a running migration's consumer makes it. */
    public boolean isRaised(String index) {
        return effective(index).compareTo(ENGINE_DEFAULT) > 0;
    }

    /**
     * Makes deleted documents' versions last at least {@code window}. Never shortens the window: where the index
     * keeps tombstones as long already, nothing changes.
     *
     * @return whether the setting was changed
     */
    public boolean raise(String index, Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("a gc_deletes window is at least 1ms, was " + window);
        }
        Optional<String> current = current(index);
        Duration effective = current.map(GcDeletesWindow::parse).orElse(ENGINE_DEFAULT); // one read for both uses
        if (effective.compareTo(window) >= 0) {
            LOG.info("{} of {} is {}, at least the {} asked for: left as it is", SETTING, index,
                    current.orElse("the default " + format(ENGINE_DEFAULT)), format(window));
            return false;
        }
        put(index, format(window));
        LOG.info("{} of {} raised from {} to {}", SETTING, index, current.orElse("the default"), format(window));
        return true;
    }

    /**
     * Puts back what {@link #current} returned before the migration: the explicit value, or the engine default when
     * {@code previous} is empty.
     */
    public void restore(String index, Optional<String> previous) {
        Objects.requireNonNull(previous, "previous");
        put(index, previous.orElse(null));
        LOG.info("{} of {} restored to {}", SETTING, index, previous.orElse("the default"));
    }

    private void put(String index, String value) {
        ObjectNode body = JsonMappers.PLAIN.createObjectNode();
        body.put(SETTING, value); // a null value resets the setting to the engine default
        Reply reply = EngineCall.send(client, "PUT", "/" + EngineCall.segment(index) + "/_settings", body);
        if (!reply.ok()) {
            throw reply.refused();
        }
        if (!reply.body().path("acknowledged").asBoolean(false)) {
            throw new IllegalStateException(reply.request() + ": the cluster did not acknowledge " + SETTING + " in time");
        }
    }

    /**
     * An engine time value as a duration. A negative one ({@code -1}) makes the engine ignore tombstones at once, so it
     * counts as no window at all.
     */
    static Duration parse(String timeValue) {
        String text = timeValue.trim().toLowerCase(Locale.ROOT);
        if (text.equals("0") || text.equals("-1")) {
            return Duration.ZERO;
        }
        Matcher m = TIME_VALUE.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException("cannot read " + SETTING + " value '" + timeValue + "'");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        if (amount.signum() < 0) {
            return Duration.ZERO;
        }
        long nanosPerUnit = switch (m.group(2)) {
            case "nanos" -> 1L;
            case "micros" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L; // d
        };
        return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
    }

    /** A duration in the largest whole engine unit: 1h, 90s, 1500ms. */
    static String format(Duration window) {
        long ms = window.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0 && ms >= sizes[i]) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }
}
