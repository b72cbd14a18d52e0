package io.tandem.ops.sync;

/** Which index lifecycle API a cluster has. */
public enum LifecycleApi {
    /** Elasticsearch index lifecycle management: {@code _ilm/policy}, phases and actions. */
    ILM,
    /** OpenSearch Index State Management plugin: {@code _plugins/_ism/policies}, states, actions and transitions. */
    ISM,
    /** Neither: Elasticsearch without x-pack (OSS), OpenSearch without the ISM plugin. */
    NONE
}
