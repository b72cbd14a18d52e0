package io.tandem.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.schema.MappingDifference.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Compares the analysis settings ({@code index.analysis.*}: analyzers, tokenizers, filters, normalizers) of the
 * contract with those of a live index: a field naming the same analyzer searches differently when the analyzer
 * itself was redefined, so the mappings alone do not show it.
 *
 * <p>Each difference names the component and its parameter, e.g. path {@code index.analysis.analyzer.message_text},
 * parameter {@code filter}, {@code [lowercase,asciifolding] -> [lowercase]}.
 */
final class AnalysisDiff {

    private static final String ANALYSIS = "index.analysis.";

    private AnalysisDiff() {
    }

    static List<MappingDifference> compare(JsonNode expectedSettings, JsonNode liveSettings) {
        SortedMap<String, JsonNode> expected = FlatSettings.of(expectedSettings);
        SortedMap<String, JsonNode> live = FlatSettings.of(liveSettings);
        TreeSet<String> keys = new TreeSet<>();
        expected.keySet().stream().filter(k -> k.startsWith(ANALYSIS)).forEach(keys::add);
        live.keySet().stream().filter(k -> k.startsWith(ANALYSIS)).forEach(keys::add);
        List<MappingDifference> out = new ArrayList<>();
        for (String key : keys) {
            JsonNode expectedValue = expected.get(key);
            JsonNode liveValue = live.get(key);
            if (!Objects.equals(CanonicalJson.of(expectedValue), CanonicalJson.of(liveValue))) {
                int last = key.lastIndexOf('.');
                out.add(MappingDifference.changed(key.substring(0, last), Kind.ANALYSIS_CHANGED, key.substring(last + 1),
                        CanonicalJson.shown(expectedValue), CanonicalJson.shown(liveValue)));
            }
        }
        return out;
    }
}
