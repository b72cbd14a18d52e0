package io.tandem.app.operate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.util.OptionalLong;

/**
 * How far the group is behind on one partition.
 *
 * @param partition the partition
 * @param committed the group's committed offset (the next record it will read), or empty when it committed none
 * @param start     the partition's first offset still in the log
 * @param end       the partition's end offset (the offset the next record produced will get)
 */
public record PartitionLag(int partition, OptionalLong committed, long start, long end) {

    /** Records not yet applied: from the committed offset, or from the log start when the group committed none. */
    public long lag() {
        return Math.max(0, end - committed.orElse(start));
    }

    ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("partition", partition);
        if (committed.isPresent()) {
            json.put("committed", committed.getAsLong());
        } else {
            json.putNull("committed");
        }
        json.put("start", start);
        json.put("end", end);
        json.put("lag", lag());
        return json;
    }
}
