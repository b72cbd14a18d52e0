package io.tandem.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentDiffTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Test
    void equalDocumentsHaveNoDifferenceWhateverTheFieldOrder() {
        assertThat(DocumentDiff.between(json("{'a':1,'b':{'c':'x'}}"), json("{'b':{'c':'x'},'a':1}"))).isEmpty();
        assertThat(DocumentDiff.same(json("{'a':1,'b':{'c':'x'}}"), json("{'b':{'c':'x'},'a':1}"))).isTrue();
    }

    @Test
    void numbersCompareByValueNotByTheirText() {
        assertThat(DocumentDiff.between(json("{'n':1,'d':1.10,'big':12345678901234}"),
                json("{'n':1.0,'d':1.1,'big':12345678901234.0}"))).isEmpty();
        assertThat(DocumentDiff.between(json("{'n':1}"), json("{'n':'1'}")))
                .containsExactly(new FieldDifference("n", json("1"), json("'1'")));
    }

    @Test
    void reportsChangedMissingAndUnexpectedFieldsByDotPath() {
        List<FieldDifference> differences = DocumentDiff.between(
                json("{'id':'7','meta':{'v':2,'gone':true},'title':'t'}"),
                json("{'id':'7','meta':{'v':3},'title':'t','extra':[1]}"));
        assertThat(differences).containsExactly(
                new FieldDifference("meta.v", json("2"), json("3")),
                new FieldDifference("meta.gone", json("true"), null),
                new FieldDifference("extra", null, json("[1]")));
        assertThat(differences).extracting(Object::toString).containsExactly(
                "~ meta.v: 2 -> 3", "- meta.gone: true (not in the target)", "+ extra: [1] (not expected)");
    }

    @Test
    void arraysCompareElementByElementInOrder() {
        assertThat(DocumentDiff.between(
                json("{'tags':[{'keyToValue':'a:1','value':'1'},{'keyToValue':'b:2','value':'2'}]}"),
                json("{'tags':[{'keyToValue':'a:1','value':'1'},{'keyToValue':'b:3','value':'3'},{'keyToValue':'c:4','value':'4'}]}")))
                .containsExactly(
                        new FieldDifference("tags[1].keyToValue", json("'b:2'"), json("'b:3'")),
                        new FieldDifference("tags[1].value", json("'2'"), json("'3'")),
                        new FieldDifference("tags[2]", null, json("{'keyToValue':'c:4','value':'4'}")));
        // the same elements in another order are a difference: the transform fixes the order
        assertThat(DocumentDiff.same(json("[1,2]"), json("[2,1]"))).isFalse();
    }

    @Test
    void aValueOfAnotherShapeIsOneDifferenceAtItsPath() {
        assertThat(DocumentDiff.between(json("{'a':{'b':1}}"), json("{'a':[1]}")))
                .containsExactly(new FieldDifference("a", json("{'b':1}"), json("[1]")));
    }

    @Test
    void longValuesAreShortenedWhenShown() {
        String longText = "x".repeat(500);
        String shown = new FieldDifference("t", json("'" + longText + "'"), json("'y'")).toString();
        assertThat(shown).hasSizeLessThan(200).contains("...").endsWith("-> \"y\"");
    }
}
