package io.tandem.core.state;

import io.tandem.core.cluster.EngineCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.schema.ContractResult;
import io.tandem.core.schema.IndexAlreadyExistsException;
import io.tandem.core.schema.IndexDefinition;
import io.tandem.core.schema.MappingContract;
import io.tandem.core.cluster.EngineCall.Reply;
import io.tandem.core.cluster.RetryPolicy;
import java.util.function.Predicate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.elasticsearch.client.RestClient;

/**
 * Small JSON values by key, kept in an index on the target cluster, so that what a migration must remember lives
 * with the data it is about and needs no other store.
 *
 * <p>The index is created on first use: one shard (few, small documents), {@code auto_expand_replicas: 0-1} (a copy
 * where the cluster has a second node, green on a single node), and a strict mapping whose {@code value} object is
 * {@code enabled: false}, so any JSON is kept in {@code _source} and nothing of it reaches the mapping. An existing
 * index of that name must have this mapping, or the store refuses to use it.
 */
public final class StateStore {

    public static final String DEFAULT_INDEX = "tandem-state";

    /** The state index, as a contract checked on first use. */
    static final IndexDefinition DEFINITION = IndexDefinition.parse("""
            {
              "settings": {"index": {"number_of_shards": 1, "auto_expand_replicas": "0-1"}},
              "mappings": {
                "dynamic": "strict",
                "properties": {
                  "key": {"type": "keyword"},
                  "updatedAt": {"type": "date"},
                  "value": {"type": "object", "enabled": false}
                }
              }
            }""", "the state index definition");

    /**
     * Makes a write visible to searches before it returns. {@code refresh=true}, not {@code wait_for}: the state index
     * is one small shard written seldom, so refreshing it at once costs the cluster little, while {@code wait_for}
     * waits out the refresh interval (up to 1 s) on every write, several of which a cutover makes while it holds its
     * lock.
     */
    private static final String REFRESH = "refresh=true";

    /** Elasticsearch and OpenSearch refuse longer document ids. */
    private static final int MAX_KEY_BYTES = 512;

    private final RestClient client;
    private final String index;
    private volatile boolean ready;

    public StateStore(RestClient client) {
        this(client, DEFAULT_INDEX);
    }

    public StateStore(RestClient client, String stateIndex) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(stateIndex, "stateIndex");
        if (stateIndex.isBlank()) {
            throw new IllegalArgumentException("the state index needs a name");
        }
    }

    public String index() {
        return index;
    }

    /** The value stored under {@code key}, read in real time (no refresh needed). */
    public Optional<ObjectNode> read(String key) {
        return readVersioned(key).map(Versioned::value);
    }

    /** A stored value with what identifies this write of it, for {@link #replaceIf}. */
    public record Versioned(ObjectNode value, long seqNo, long primaryTerm) {
    }

    /** The value stored under {@code key} and its write's sequence number and primary term, read in real time. */
    public Optional<Versioned> readVersioned(String key) {
        checkKey(key);
        ensureIndex();
        Reply reply = EngineCall.send(client, "GET", documentPath(key), null);
        if (reply.status() == 404 && !reply.body().has("error")) {
            return Optional.empty();
        }
        if (!reply.ok()) {
            throw reply.refused();
        }
        JsonNode value = reply.body().path("_source").path("value");
        if (!value.isObject()) {
            throw new IllegalStateException("state '" + key + "' in " + index + " holds no JSON object: " + value);
        }
        return Optional.of(new Versioned((ObjectNode) value, reply.body().path("_seq_no").asLong(-1),
                reply.body().path("_primary_term").asLong(-1)));
    }

    /**
     * Replaces the value under {@code key} only if it is still the one read as {@code expected}: of several writers
     * replacing the same value exactly one gets {@code true}.
     *
     * @return {@code false} when the value changed (or was removed) since it was read
     */
    public boolean replaceIf(String key, ObjectNode value, Versioned expected) {
        Reply reply = put(key, value, "?if_seq_no=" + expected.seqNo() + "&if_primary_term=" + expected.primaryTerm()
                + "&" + REFRESH, StateStore::rejectedBeforeExecution);
        if (reply.status() == 409) {
            return false;
        }
        if (!reply.ok()) {
            throw reply.refused();
        }
        return true;
    }

    /** Stores {@code value} under {@code key}, replacing what was there; visible to searches once this returns. */
    public void write(String key, ObjectNode value) {
        store(key, value, "?" + REFRESH);
    }

    /**
     * As {@link #write}, without waiting for searches to see it (up to the index's refresh interval, 1 s): for a
     * record written often, read by key ({@link #read} is real time), such as a slice's position.
     */
    public void writeFrequent(String key, ObjectNode value) {
        store(key, value, "");
    }

    private void store(String key, ObjectNode value, String query) {
        // the same whole value again: sending it twice changes nothing, whatever the first answer was
        Reply reply = put(key, value, query, Reply::mayPass);
        if (!reply.ok()) {
            throw reply.refused();
        }
    }

    /**
     * Stores {@code value} under {@code key} only where nothing is stored yet: of several writers racing for the same
     * key exactly one gets {@code true}.
     *
     * @return {@code false} when the key holds a value already (which is left as it was)
     */
    public boolean writeIfAbsent(String key, ObjectNode value) {
        Reply reply = put(key, value, "?op_type=create&" + REFRESH, StateStore::rejectedBeforeExecution);
        if (reply.status() == 409) {
            return false;
        }
        if (!reply.ok()) {
            throw reply.refused();
        }
        return true;
    }

    /**
     * Removes the value stored under {@code key}; gone from searches too once this returns.
     *
     * @return {@code false} when nothing was stored under {@code key}
     */
    public boolean delete(String key) {
        checkKey(key);
        ensureIndex();
        Reply reply = EngineCall.send(client, "DELETE", documentPath(key) + "?" + REFRESH, null);
        // the index exists (ensureIndex), so a 404 means the document is not there
        if (reply.status() == 404 && "not_found".equals(reply.body().path("result").asText())) {
            return false;
        }
        if (!reply.ok()) {
            throw reply.refused();
        }
        return true;
    }

    /**
     * A write the engine refused before carrying it out (429: its write queue was full), which a conditional write
     * may send again: after a 5xx it may have been carried out, and a second try would then see its own first.
     */
    private static boolean rejectedBeforeExecution(Reply reply) {
        return reply.status() == 429;
    }

    /** PUTs the value, sending it again while the engine refuses it as {@code retryWhen} accepts. */
    private Reply put(String key, ObjectNode value, String query, Predicate<Reply> retryWhen) {
        checkKey(key);
        Objects.requireNonNull(value, "value");
        ensureIndex();
        ObjectNode document = JsonMappers.PLAIN.createObjectNode();
        document.put("key", key);
        document.put("updatedAt", Instant.now().toString());
        document.set("value", value);
        return EngineCall.sendRetrying(client, "PUT", documentPath(key) + query, document, RetryPolicy.DEFAULT,
                retryWhen);
    }

    private String documentPath(String key) {
        return "/" + EngineCall.segment(index) + "/_doc/" + EngineCall.segment(key);
    }

    private static void checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("a state key has 1 to " + MAX_KEY_BYTES + " bytes, was " + key.length()
                    + " characters");
        }
    }

    /** Creates the index, or checks the existing one, once per store. */
    private void ensureIndex() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            MappingContract contract = new MappingContract(client);
            ContractResult result = contract.check(index, DEFINITION);
            if (!result.exists()) {
                try {
                    contract.createIndex(index, DEFINITION);
                    ready = true;
                    return;
                } catch (IndexAlreadyExistsException raced) {
                    // another process created it between the check and here: check what it created
                    result = contract.check(index, DEFINITION);
                }
            }
            if (!result.matches()) {
                throw new IllegalStateException("index '" + index + "' exists but is not a Tandem state index: "
                        + String.join("; ", result.differences().stream().map(Object::toString).toList()));
            }
            ready = true;
        }
    }
}
