package io.tandem.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.document.Command;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random commands over a fixed set of ids, as an application would produce them: upserts with a tags map, deletes,
 * deletes followed by re-creation, each id's versions increasing by the producer's clock. The partition of each
 * command is chosen at random so that, across partitions, a document's commands arrive out of order.
 */
final class CommandWorkload {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A command and the partition it is sent to. */
    record Placed(Command command, int partition) {
    }

    private CommandWorkload() {
    }

    static List<Placed> generate(long seed, int commands, int ids, int partitions) {
        Random random = new Random(seed);
        Map<String, Long> versions = new HashMap<>();
        List<Placed> result = new ArrayList<>(commands);
        for (int i = 0; i < commands; i++) {
            String id = "doc-" + random.nextInt(ids);
            // gaps in versions, as with a timestamp-based version
            long version = versions.merge(id, 1L + random.nextInt(3), Long::sum);
            Command command = random.nextInt(100) < 20
                    ? Command.delete(id, version)
                    : Command.upsert(id, version, document(id, version, random));
            result.add(new Placed(command, random.nextInt(partitions)));
        }
        return result;
    }

    private static ObjectNode document(String id, long version, Random random) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", id);
        doc.put("message", "message " + id + " at version " + version);
        doc.put("n", version);
        ObjectNode tags = doc.putObject("tags");
        for (int t = random.nextInt(4); t >= 0; t--) {
            tags.put("key" + random.nextInt(6), "value-" + random.nextInt(20));
        }
        return doc;
    }

    /** The default envelope: {"op":..,"id":..,"version":..,"doc":{..}}. */
    static byte[] envelope(Command command) {
        ObjectNode value = JSON.createObjectNode();
        value.put("op", command.operation().name().toLowerCase());
        value.put("id", command.id());
        value.put("version", command.version());
        if (command.document() != null) {
            value.set("doc", command.document());
        }
        try {
            return JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
