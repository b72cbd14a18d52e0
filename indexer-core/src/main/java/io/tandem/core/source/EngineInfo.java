package io.tandem.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.cluster.EngineCall;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticsearch.client.RestClient;

/**
 * What the source cluster is, as it says itself on {@code GET /}.
 *
 * @param distribution {@code "elasticsearch"} or {@code "opensearch"}
 * @param number       the full version, e.g. {@code "7.10.2"}
 * @param major        e.g. 7
 * @param minor        e.g. 10
 */
public record EngineInfo(String distribution, String number, int major, int minor) {

    private static final String ELASTICSEARCH = "elasticsearch";
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    public EngineInfo {
        if (distribution == null || distribution.isBlank()) {
            throw new IllegalArgumentException("distribution: must not be blank, was " + distribution);
        }
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("number: must not be blank, was " + number);
        }
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("major, minor: must not be negative, were " + major + ", " + minor);
        }
    }

    /** Asks the cluster. A refusal (a 401, say) or an answer without a version is an IllegalStateException. */
    public static EngineInfo detect(RestClient client) {
        EngineCall.Reply reply = EngineCall.send(Objects.requireNonNull(client, "client"), "GET", "/", null);
        if (!reply.ok()) {
            throw reply.refused();
        }
        return fromRoot(reply.body());
    }

    /** From the answer to {@code GET /}. */
    static EngineInfo fromRoot(JsonNode root) {
        JsonNode version = root.path("version");
        String number = version.path("number").asText("");
        Matcher matcher = MAJOR_MINOR.matcher(number);
        if (!matcher.find()) {
            throw new IllegalStateException("GET / answered no version.number of the form <major>.<minor>...: "
                    + root);
        }
        // Elasticsearch never reports a distribution; OpenSearch always does
        String distribution = version.path("distribution").asText(ELASTICSEARCH);
        return new EngineInfo(distribution, number, Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)));
    }

    /** Elasticsearch 6.x: every index has one mapping type (usually {@code _doc}), which hits carry as _type. */
    public boolean typedMappings() {
        return isElasticsearch() && major == 6;
    }

    boolean isElasticsearch() {
        return ELASTICSEARCH.equals(distribution);
    }

    @Override
    public String toString() {
        return distribution + " " + number;
    }
}
