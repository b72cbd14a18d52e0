package io.tandem.core.cluster;

/**
 * Errors exactly as the engines answer them, for the tests of their classification ({@link ClusterCondition},
 * the bulk writer's classifier). Not invented: each is either what Elasticsearch 7.10.2 and OpenSearch 2.19 answered
 * to a {@code _bulk} request in this repository's tests ({@code ClusterConditionsIT} provokes the same answers on
 * the real engines and classifies them), or, where the local engines cannot produce it (security is not enabled on
 * them), an answer quoted in a public report, named beside it.
 *
 * <p>An item error is the {@code error} object of one item of a {@code _bulk} response (its HTTP status is the
 * item's {@code status}); a request error is the whole body of a non-2xx answer.
 */
public final class EngineAnswers {

    private EngineAnswers() {
    }

    // ---- _bulk item errors, Elasticsearch 7.10.2 (OpenSearch 2.19 answers the same fields, in another order) ----

    /** 400, POST /closed-idx/_close before the write. */
    public static final String ES_INDEX_CLOSED = "{\"type\":\"index_closed_exception\",\"reason\":\"closed\","
            + "\"index_uuid\":\"9T2Ic6qbTDaCZwz3JJ56Ww\",\"index\":\"closed-idx\"}";

    /** 400, the same from OpenSearch 2.19. */
    public static final String OS_INDEX_CLOSED = "{\"type\":\"index_closed_exception\",\"reason\":\"closed\","
            + "\"index\":\"closed-idx\",\"index_uuid\":\"U0TQ1Z5uT86qR5p1-VjB_A\"}";

    /** 403, {@code index.blocks.write: true} (both engines). */
    public static final String WRITE_BLOCK = "{\"type\":\"cluster_block_exception\","
            + "\"reason\":\"index [wblock-idx] blocked by: [FORBIDDEN/8/index write (api)];\"}";

    /** 403, {@code index.blocks.read_only: true} (both engines). */
    public static final String READ_ONLY_BLOCK = "{\"type\":\"cluster_block_exception\","
            + "\"reason\":\"index [ro-idx] blocked by: [FORBIDDEN/5/index read-only (api)];\"}";

    /**
     * 429, {@code index.blocks.read_only_allow_delete: true}, the block the disk allocator sets at the flood stage
     * (both engines).
     */
    public static final String FLOOD_STAGE_BLOCK = "{\"type\":\"cluster_block_exception\",\"reason\":\"index [rod-idx] "
            + "blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has "
            + "read-only-allow-delete block];\"}";

    /**
     * 403, the same block as Elasticsearch 6.x named it, as a Python client reported it for a bulk item
     * (mitodl/micromasters#4612).
     */
    public static final String FLOOD_STAGE_BLOCK_6X = "{\"type\":\"cluster_block_exception\","
            + "\"reason\":\"blocked by: [FORBIDDEN/12/index read-only / allow delete (api)];\"}";

    /** 404, {@code action.auto_create_index: false}, a write to an index that does not exist. */
    public static final String ES_INDEX_MISSING = "{\"type\":\"index_not_found_exception\","
            + "\"reason\":\"no such index [missing-idx]\",\"resource.type\":\"index_expression\","
            + "\"resource.id\":\"missing-idx\",\"index_uuid\":\"_na_\",\"index\":\"missing-idx\"}";

    /** 404, the same from OpenSearch 2.19. */
    public static final String OS_INDEX_MISSING = "{\"type\":\"index_not_found_exception\","
            + "\"reason\":\"no such index [missing-idx]\",\"index\":\"missing-idx\",\"resource.id\":\"missing-idx\","
            + "\"resource.type\":\"index_expression\",\"index_uuid\":\"_na_\"}";

    /** 400, a write to an alias of two indices, none of them its write index (both engines). */
    public static final String NO_WRITE_INDEX = "{\"type\":\"illegal_argument_exception\","
            + "\"reason\":\"no write index is defined for alias [al]. The write index may be explicitly disabled "
            + "using is_write_index=false or the alias points to multiple indices without one being designated as a "
            + "write index\"}";

    /** 400, an index name with capitals. */
    public static final String INVALID_INDEX_NAME = "{\"type\":\"invalid_index_name_exception\","
            + "\"reason\":\"Invalid index name [Bad_Index], must be lowercase\",\"index_uuid\":\"_na_\","
            + "\"index\":\"Bad_Index\"}";

    /**
     * 403, Elasticsearch with security: a user without the index privilege, as Logstash logged the bulk item
     * (racompton/tattle-tale#3).
     */
    public static final String ES_ITEM_UNAUTHORIZED = "{\"type\":\"security_exception\",\"reason\":\"action "
            + "[indices:data/write/bulk[s]] is unauthorized for user [logstash_internal] with roles [logstash_writer] "
            + "on indices [netflow-2022.05.11], this action is granted by the index privileges "
            + "[create_doc,create,delete,index,write,all]\"}";

    /** 400, a string where the mapping has a long. */
    public static final String MAPPER_PARSING = "{\"type\":\"mapper_parsing_exception\",\"reason\":\"failed to parse "
            + "field [v] of type [long] in document with id '1'. Preview of field's value: 'abc'\","
            + "\"caused_by\":{\"type\":\"illegal_argument_exception\",\"reason\":\"For input string: \\\"abc\\\"\"}}";

    /** 400, a field the strict mapping does not declare. */
    public static final String STRICT_DYNAMIC_MAPPING = "{\"type\":\"strict_dynamic_mapping_exception\","
            + "\"reason\":\"mapping set to strict, dynamic introduction of [zzz] within [_doc] is not allowed\"}";

    /** 400, a 40,000-byte keyword: an illegal_argument_exception about a field of the document. */
    public static final String IMMENSE_TERM = "{\"type\":\"illegal_argument_exception\",\"reason\":\"Document contains "
            + "at least one immense term in field=\\\"k\\\" (whose UTF8 encoding is longer than the max length 32766), "
            + "all of which were skipped.  Please correct the analyzer to not produce such terms.  The prefix of the "
            + "first immense term is: '[120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, "
            + "120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120]...', original message: bytes can "
            + "be at most 32766 in length; got 40000\",\"caused_by\":{\"type\":\"max_bytes_length_exceeded_exception\","
            + "\"reason\":\"bytes can be at most 32766 in length; got 40000\"}}";

    /** 409, a write whose version is not newer than the one the index holds. */
    public static final String VERSION_CONFLICT = "{\"type\":\"version_conflict_engine_exception\","
            + "\"reason\":\"[1]: version conflict, current version [5] is higher or equal to the one provided [5]\","
            + "\"index_uuid\":\"X-FHeIpaTb2_R2uIX4TVtg\",\"shard\":\"0\",\"index\":\"doc-idx\"}";

    // ---- whole answers of a _bulk request refused as a whole ----

    /** 403, {@code cluster.blocks.read_only: true} (both engines). */
    public static final String CLUSTER_READ_ONLY = "{\"error\":{\"root_cause\":[{\"type\":\"cluster_block_exception\","
            + "\"reason\":\"blocked by: [FORBIDDEN/6/cluster read-only (api)];\"}],\"type\":\"cluster_block_exception\","
            + "\"reason\":\"blocked by: [FORBIDDEN/6/cluster read-only (api)];\"},\"status\":403}";

    /** 403, {@code cluster.blocks.read_only_allow_delete: true} (both engines). */
    public static final String CLUSTER_READ_ONLY_ALLOW_DELETE = "{\"error\":{\"root_cause\":[{\"type\":"
            + "\"cluster_block_exception\",\"reason\":\"blocked by: [FORBIDDEN/13/cluster read-only / allow delete "
            + "(api)];\"}],\"type\":\"cluster_block_exception\",\"reason\":\"blocked by: [FORBIDDEN/13/cluster "
            + "read-only / allow delete (api)];\"},\"status\":403}";

    /**
     * 401, Elasticsearch with security, no credentials sent, as a Java REST client logged it for {@code POST /_bulk}
     * (BroadSoft-Xtended/BroadWorks-Dashboards-and-Discovery#30).
     */
    public static final String ES_UNAUTHENTICATED = "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\","
            + "\"reason\":\"missing authentication token for REST request [/_bulk]\",\"header\":{\"WWW-Authenticate\":"
            + "\"Basic realm=\\\"security\\\" charset=\\\"UTF-8\\\"\"}}],\"type\":\"security_exception\","
            + "\"reason\":\"missing authentication token for REST request [/_bulk]\",\"header\":{\"WWW-Authenticate\":"
            + "\"Basic realm=\\\"security\\\" charset=\\\"UTF-8\\\"\"}},\"status\":401}";

    /**
     * 403, Elasticsearch with security, a user without the privilege for the whole bulk request, as Elastic Agent
     * logged it (elastic/logstash#16135).
     */
    public static final String ES_REQUEST_UNAUTHORIZED = "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\","
            + "\"reason\":\"action [indices:data/write/bulk] is unauthorized for user [logstash_collector] with "
            + "effective roles [remote_monitoring_collector] (assigned roles [create,create_doc,delete,index,write] were "
            + "not found), this action is granted by the index privileges [create_doc,create,delete,index,write,all]\"}],"
            + "\"type\":\"security_exception\",\"reason\":\"action [indices:data/write/bulk] is unauthorized for user "
            + "[logstash_collector] with effective roles [remote_monitoring_collector] (assigned roles "
            + "[create,create_doc,delete,index,write] were not found), this action is granted by the index privileges "
            + "[create_doc,create,delete,index,write,all]\"},\"status\":403}";

    /** 403, OpenSearch's security plugin, a user without a permission, as Jaeger reported it (jaegertracing/jaeger#3727). */
    public static final String OS_UNAUTHORIZED = "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\","
            + "\"reason\":\"no permissions for [indices:admin/get] and User [name=elastic-jaeger, "
            + "backend_roles=[jaeger_writer], requestedTenant=null]\"}],\"type\":\"security_exception\","
            + "\"reason\":\"no permissions for [indices:admin/get] and User [name=elastic-jaeger, "
            + "backend_roles=[jaeger_writer], requestedTenant=null]\"},\"status\":403}";

    /**
     * 401, OpenSearch's security plugin (Open Distro before it), wrong credentials: a text/plain body, as a client
     * reported it (opendistro/for-elasticsearch#37).
     */
    public static final String OS_UNAUTHENTICATED = "Unauthorized";

    /**
     * 401, OpenSearch 2.19.3's security plugin, rarely and once, to valid credentials
     * (opensearch-project/security#5544).
     */
    public static final String OS_SPURIOUS_UNAUTHENTICATED = "Authentication finally failed";
}
