package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.DotPath;
import io.tandem.core.source.SourceDocument;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VersionRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void lowestWritesVersionZeroSoEveryLiveWriteWins() {
        assertThat(VersionRule.parse("lowest").versionOf(doc("{\"v\":9}", 4))).isZero();
    }

    @Test
    void sourceVersionUsesTheOldDocumentsExternalVersion() {
        VersionRule rule = VersionRule.parse("source-version");
        assertThat(rule.needsSourceVersion()).isTrue();
        assertThat(rule.versionOf(doc("{}", 17))).isEqualTo(17);
    }

    @Test
    void documentFieldReadsANestedPath() {
        assertThat(VersionRule.parse("field:meta.version").versionOf(doc("{\"meta\":{\"version\":23}}", -1))).isEqualTo(23);
    }

    @Test
    void onlyTheDocumentFieldRuleNamesAFieldItReads() {
        assertThat(VersionRule.parse("field:meta.version").documentField()).contains(DotPath.parse("meta.version"));
        assertThat(VersionRule.parse("lowest").documentField()).isEmpty();
        assertThat(VersionRule.parse("source-version").documentField()).isEmpty();
    }

    @Test
    void missingOrNegativeFieldVersionIsAPerDocumentFailure() {
        VersionRule rule = VersionRule.parse("field:v");
        assertThatThrownBy(() -> rule.versionOf(doc("{}", -1))).hasMessage("version field 'v' is missing");
        assertThatThrownBy(() -> rule.versionOf(doc("{\"v\":-3}", -1))).hasMessageContaining("not a non-negative integer");
        assertThatThrownBy(() -> rule.versionOf(doc("{\"v\":\"7\"}", -1))).hasMessageContaining("not a non-negative integer");
    }

    @Test
    void aFieldPathNoDocumentCanHaveIsRefusedUpFront() {
        assertThatThrownBy(() -> VersionRule.parse("field:meta..version"))
                .hasMessage("--version-rule: field path 'meta..version' has an empty field name");
    }

    @Test
    void unknownRuleIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> VersionRule.parse("newest"))
                .hasMessage("--version-rule: expected lowest, source-version or field:<path>, was 'newest'");
    }

    private static SourceDocument doc(String json, long version) {
        try {
            return new SourceDocument("1", (ObjectNode) JSON.readTree(json), version < 0 ? OptionalLong.empty() : OptionalLong.of(version));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
