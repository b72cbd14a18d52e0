package io.tandem.ops.sync;

import java.util.List;

/**
 * Where an ISM policy attaches itself: new indices whose names match {@code indexPatterns}, the highest
 * {@code priority} winning where several policies match. Derived from the templates and indices that named the ILM
 * policy in {@code index.lifecycle.name}.
 *
 * @param indexPatterns index name patterns ({@code logs-*}) or names
 * @param priority      ISM's priority among policies matching one index
 */
public record IsmTemplate(List<String> indexPatterns, int priority) {

    public IsmTemplate {
        indexPatterns = List.copyOf(indexPatterns);
        if (indexPatterns.isEmpty()) {
            throw new IllegalArgumentException("an ISM template needs at least one index pattern");
        }
    }
}
