package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An ILM policy translated to ISM.
 *
 * @param definition   the ISM policy body, {@code {"policy":{...}}}
 * @param untranslated each ILM part that has no faithful ISM counterpart and is not in the ISM policy, with why
 * @param caveats      each part translated whose ISM counterpart behaves a little differently, with how
 */
public record PolicyTranslation(ObjectNode definition, List<String> untranslated, List<String> caveats) {

    public PolicyTranslation {
        definition = definition.deepCopy();
        untranslated = List.copyOf(untranslated);
        caveats = List.copyOf(caveats);
    }

    @Override
    public ObjectNode definition() {
        return definition.deepCopy();
    }
}
