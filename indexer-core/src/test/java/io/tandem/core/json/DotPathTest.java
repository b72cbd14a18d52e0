package io.tandem.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DotPathTest {

    @Test
    void aWrittenPathHasNoEmptyOrPaddedFieldName() {
        assertThat(DotPath.parse("actions.tags").segments()).containsExactly("actions", "tags");
        assertThatIllegalArgumentException().isThrownBy(() -> DotPath.parse("a..b"))
                .withMessage("'a..b' has an empty field name");
        assertThatIllegalArgumentException().isThrownBy(() -> DotPath.parse("a."))
                .withMessage("'a.' has an empty field name");
        assertThatIllegalArgumentException().isThrownBy(() -> DotPath.parse(""))
                .withMessage("'' has an empty field name");
        assertThatIllegalArgumentException().isThrownBy(() -> DotPath.parse("a. b"))
                .withMessage("'a. b' has a field name with leading or trailing whitespace");
    }

    @Test
    void anEngineFieldIsTakenAsItIsWithItsParent() {
        assertThat(DotPath.ofEngineField("").isRoot()).isTrue();
        assertThat(DotPath.ofEngineField("a").parent().isRoot()).isTrue();
        assertThat(DotPath.ofEngineField("a.b.c").parent()).hasToString("a.b");
        assertThat(DotPath.ofEngineField("a.b.c").parent().segments()).isEqualTo(List.of("a", "b"));
    }

    @Test
    void findingStopsWhereNoObjectHoldsThePath() {
        ObjectNode doc = json("{\"meta\":{\"v\":3,\"n\":null},\"s\":\"x\"}");
        assertThat(DotPath.parse("meta.v").find(doc)).contains(doc.get("meta").get("v"));
        assertThat(DotPath.parse("meta.n").find(doc).map(JsonNode::isNull)).contains(true);
        assertThat(DotPath.parse("meta.n.x").find(doc)).isEmpty();
        assertThat(DotPath.parse("s.x").find(doc)).isEmpty();
        assertThat(DotPath.parse("missing.x").find(doc)).isEmpty();
    }

    @Test
    void rewritingRefusesAFieldOnTheWayThatIsNotAnObject() {
        ObjectNode doc = json("{\"meta\":{\"n\":null},\"s\":\"x\"}");
        assertThat(DotPath.parse("meta.n.x").findInObjects(doc)).isEmpty();
        assertThatThrownBy(() -> DotPath.parse("s.x").findInObjects(doc))
                .isInstanceOf(DotPath.NotAnObjectException.class)
                .hasMessage("'s' is JSON type string, so it cannot hold 's.x'");
        DotPath.parse("meta.n.x").set(doc, doc.numberNode(1));
        assertThat(doc.toString()).isEqualTo("{\"meta\":{\"n\":{\"x\":1}},\"s\":\"x\"}");
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JsonMappers.PLAIN.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
