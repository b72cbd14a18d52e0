package io.tandem.localstack.esnode;

import java.util.Map;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The {@code asciifolding} token filter (Lucene's {@link ASCIIFoldingFilter}, {@code preserve_original} honoured),
 * which the unpublished analysis-common module would register and the deployment's contract uses. Only this filter:
 * an index asking for another analysis-common component is refused by the node, naming it.
 */
public final class FoldingAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of("asciifolding", (indexSettings, environment, name, settings) -> {
            boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
            // folding applies to query terms of keyword normalizers as well
            return TokenFilters.named(name, stream -> new ASCIIFoldingFilter(stream, preserveOriginal), true);
        });
    }
}
