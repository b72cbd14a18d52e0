package io.tandem.ops.sync;

import io.tandem.core.source.EngineInfo;
import java.util.Objects;

/**
 * What a cluster's version has, so that schema sync asks each engine only for what it knows: component and composable
 * templates came with Elasticsearch 7.8 (OpenSearch has them from 1.0), hidden indices with 7.7, typeless mappings
 * with 7.0.
 *
 * @param engine what the cluster says it is on {@code GET /}
 */
public record EngineCapabilities(EngineInfo engine) {

    private static final String OPENSEARCH = "opensearch";

    public EngineCapabilities {
        Objects.requireNonNull(engine, "engine");
    }

    public boolean isOpenSearch() {
        return OPENSEARCH.equals(engine.distribution());
    }

    /** {@code _component_template} and {@code _index_template}. */
    public boolean composableTemplates() {
        return isOpenSearch() || atLeast(7, 8);
    }

    /** {@code index.hidden}, and {@code expand_wildcards} on {@code _cat/indices}. */
    public boolean hiddenIndices() {
        return isOpenSearch() || atLeast(7, 7);
    }

    /** Elasticsearch 6.x: mappings are wrapped in their one type. */
    public boolean typedMappings() {
        return engine.typedMappings();
    }

    /** The lifecycle API this engine would have where it is installed. */
    public LifecycleApi lifecycleApi() {
        return isOpenSearch() ? LifecycleApi.ISM : LifecycleApi.ILM;
    }

    private boolean atLeast(int major, int minor) {
        return engine.major() > major || (engine.major() == major && engine.minor() >= minor);
    }
}
