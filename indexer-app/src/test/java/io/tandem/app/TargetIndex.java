package io.tandem.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/** Reads a whole index back (search_after on _id order is not allowed on 7.x, so a scroll), for comparing. */
final class TargetIndex {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TargetIndex() {
    }

    static Map<String, ObjectNode> readAll(RestClient client, String index) throws IOException {
        send(client, "POST", "/" + index + "/_refresh", null);
        Map<String, ObjectNode> documents = new HashMap<>();
        JsonNode page = send(client, "POST", "/" + index + "/_search?scroll=1m", "{\"size\":5000,\"sort\":[\"_doc\"]}");
        String scrollId = page.path("_scroll_id").asText();
        try {
            while (page.path("hits").path("hits").size() > 0) {
                for (JsonNode hit : page.path("hits").path("hits")) {
                    documents.put(hit.path("_id").asText(), (ObjectNode) hit.path("_source"));
                }
                page = send(client, "POST", "/_search/scroll", "{\"scroll\":\"1m\",\"scroll_id\":\"" + scrollId + "\"}");
                scrollId = page.path("_scroll_id").asText();
            }
        } finally {
            send(client, "DELETE", "/_search/scroll", "{\"scroll_id\":\"" + scrollId + "\"}");
        }
        return documents;
    }

    static JsonNode send(RestClient client, String method, String path, String body) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setJsonEntity(body);
        }
        return JSON.readTree(EntityUtils.toString(client.performRequest(request).getEntity()));
    }
}
