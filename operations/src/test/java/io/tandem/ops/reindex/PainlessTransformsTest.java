package io.tandem.ops.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** The script's behaviour is proven on real engines (RemoteReindexIT); these are its Java-side rules. */
class PainlessTransformsTest {

    @Test
    void optionsAreCheckedWithTheJavaTransformsRules() {
        assertThatIllegalArgumentException().isThrownBy(() -> PainlessTransforms.tagsToKeyValue("tags", null, "::"))
                .withMessageContaining("separator");
        assertThatIllegalArgumentException().isThrownBy(() -> PainlessTransforms.tagsToKeyValue("a..b", null, ":"))
                .withMessageContaining("'a..b' has an empty field name");
        assertThatIllegalArgumentException().isThrownBy(() -> PainlessTransforms.tagsToKeyValue("a.tags", "a", ":"))
                .withMessageContaining("must not be a parent of source");
    }

    @Test
    void pathsAndSeparatorBecomePainlessLiterals() {
        String script = PainlessTransforms.tagsToKeyValue("actions.tags", "kv", "\"");

        assertThat(script).contains("List src = [\"actions\", \"tags\"];", "List srcPrefixes = [\"\", \"actions\", \"actions.tags\"];",
                "List tgt = [\"kv\"];", "String sep = \"\\\"\";", "boolean moved = true;");
        assertThat(PainlessTransforms.tagsToKeyValue("tags", null, ":")).contains("boolean moved = false;");
    }

    @Test
    void nullTargetAndSeparatorMeanTheJavaTransformsDefaults() {
        assertThat(PainlessTransforms.tagsToKeyValue("tags", null, null))
                .isEqualTo(PainlessTransforms.tagsToKeyValue("tags", "tags", ":"));
    }

    @Test
    void literalsEscapeBackslashAndDoubleQuote() {
        assertThat(PainlessTransforms.literal("a\\b\"c")).isEqualTo("\"a\\\\b\\\"c\"");
    }

    @Test
    void theScriptLeavesTheVersionToRemoteReindex() {
        assertThat(PainlessTransforms.tagsToKeyValue("tags", null, ":")).doesNotContain("_version");
    }
}
