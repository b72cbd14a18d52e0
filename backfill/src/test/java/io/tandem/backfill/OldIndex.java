package io.tandem.backfill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.localstack.junit.IndexContents;
import java.util.Random;

/**
 * The "old" index of our users' story: messages whose tags were a free map under a dynamic mapping (the schema whose
 * mapping exploded), seeded with _bulk. Typed (`_doc`) on Elasticsearch 6.
 */
final class OldIndex {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BULK = 5000;

    private OldIndex() {
    }

    static ObjectNode document(int i, Random random) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", "msg-" + i);
        doc.put("message", "message number " + i + " from the old cluster");
        doc.put("n", i);
        ObjectNode tags = doc.putObject("tags");
        for (int t = random.nextInt(4); t >= 0; t--) {
            tags.put("key" + random.nextInt(8), "value-" + random.nextInt(50));
        }
        return doc;
    }

    /** Creates the index and indexes {@code count} documents with ids msg-0..; returns nothing, the ids are known. */
    static void seed(String url, String index, int count, boolean typed, long seed) {
        String mapping = "{\"dynamic\":true,\"properties\":{\"id\":{\"type\":\"keyword\"},\"message\":{\"type\":\"text\"},\"n\":{\"type\":\"long\"}}}";
        IndexContents.send(url, "PUT", "/" + index, "{\"settings\":{\"number_of_shards\":3,\"number_of_replicas\":0,"
                + "\"refresh_interval\":\"-1\"},\"mappings\":" + (typed ? "{\"_doc\":" + mapping + "}" : mapping) + "}");
        Random random = new Random(seed);
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < count; i++) {
            bulk.append("{\"index\":{\"_id\":\"msg-").append(i).append("\"").append(typed ? ",\"_type\":\"_doc\"" : "")
                    .append("}}\n").append(document(i, random)).append('\n');
            if ((i + 1) % BULK == 0 || i == count - 1) {
                IndexContents.send(url, "POST", "/" + index + "/_bulk", bulk.toString());
                bulk.setLength(0);
            }
        }
        IndexContents.send(url, "PUT", "/" + index + "/_settings", "{\"index\":{\"refresh_interval\":\"1s\"}}");
        IndexContents.send(url, "POST", "/" + index + "/_refresh", null);
    }
}
