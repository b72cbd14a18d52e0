package io.tandem.app.operate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A consumer group's lag on a topic, partition by partition, at one moment.
 *
 * @param group      the consumer group
 * @param topic      the topic
 * @param partitions every partition of the topic, by number
 * @param measuredAt when the offsets were read
 */
public record LagReport(String group, String topic, List<PartitionLag> partitions, Instant measuredAt) {

    public LagReport {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(topic, "topic");
        partitions = List.copyOf(partitions);
        Objects.requireNonNull(measuredAt, "measuredAt");
    }

    public long total() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }

    /** {@code 12 (p0 0, p1 12)}. */
    public String summary() {
        StringBuilder text = new StringBuilder(Long.toString(total())).append(" (");
        for (int i = 0; i < partitions.size(); i++) {
            text.append(i == 0 ? "" : ", ").append('p').append(partitions.get(i).partition()).append(' ')
                    .append(partitions.get(i).lag());
        }
        return text.append(')').toString();
    }

    /** A table: one line per partition, then the total. */
    public String render() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "group %s on topic %s%n", group, topic));
        text.append(String.format(Locale.ROOT, "%-10s %15s %15s %15s %12s%n", "PARTITION", "COMMITTED", "LOG START",
                "END", "LAG"));
        for (PartitionLag p : partitions) {
            text.append(String.format(Locale.ROOT, "%-10d %15s %15d %15d %12d%n", p.partition(),
                    p.committed().isPresent() ? Long.toString(p.committed().getAsLong()) : "-", p.start(), p.end(),
                    p.lag()));
        }
        return text.append(String.format(Locale.ROOT, "%-10s %15s %15s %15s %12d%n", "TOTAL", "", "", "", total()))
                .toString();
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("group", group);
        json.put("topic", topic);
        json.put("measuredAt", measuredAt.toString());
        json.put("total", total());
        ArrayNode list = json.putArray("partitions");
        partitions.forEach(p -> list.add(p.toJson()));
        return json;
    }
}
