package io.tandem.ops.verify;

import static io.tandem.ops.verify.DocumentDiffTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.TransformException;
import io.tandem.core.transform.Transforms;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentCheckTest {

    private final DocumentCheck check = new DocumentCheck(Transforms.load("tags-to-key-value", Map.of("source", "tags")), false);

    private static StoredDocument doc(String id, String source) {
        return new StoredDocument(id, (ObjectNode) json(source), 1, 0, 1);
    }

    @Test
    void aTargetHoldingTheTransformedSourceAgrees() {
        assertThat(check.compare("1", doc("1", "{'n':1,'tags':{'a':'x'}}"),
                doc("1", "{'n':1,'tags':[{'keyToValue':'a:x','value':'x'}]}"))).isEmpty();
    }

    @Test
    void aTargetHoldingTheUntransformedSourceDiffersFieldByField() {
        Mismatch mismatch = check.compare("1", doc("1", "{'n':1,'tags':{'a':'x'}}"), doc("1", "{'n':1,'tags':{'a':'x'}}"))
                .orElseThrow();
        assertThat(mismatch.kind()).isEqualTo(MismatchKind.DIFFERENT);
        assertThat(mismatch.differences()).containsExactly(new FieldDifference("tags",
                json("[{'keyToValue':'a:x','value':'x'}]"), json("{'a':'x'}")));
        assertThat(mismatch.describe(5)).isEqualTo("DIFFERENT 1: ~ tags: [{\"keyToValue\":\"a:x\",\"value\":\"x\"}] -> {\"a\":\"x\"}");
    }

    @Test
    void onlyInTheSourceIsMissingOnlyInTheTargetIsExtraInNeitherAgrees() {
        assertThat(check.compare("1", doc("1", "{'n':1}"), null)).get().extracting(Mismatch::kind).isEqualTo(MismatchKind.MISSING);
        assertThat(check.compare("1", null, doc("1", "{'n':1}"))).get().extracting(Mismatch::kind).isEqualTo(MismatchKind.EXTRA);
        assertThat(check.compare("1", null, null)).isEmpty();
    }

    @Test
    void arrayOrderCountsUnlessToldToIgnoreIt() {
        StoredDocument source = doc("1", "{'tags':{'a':'x','b':'y'}}");
        StoredDocument reordered = doc("1", "{'tags':[{'keyToValue':'b:y','value':'y'},{'keyToValue':'a:x','value':'x'}]}");
        DocumentCheck ignoring = new DocumentCheck(Transforms.load("tags-to-key-value", Map.of("source", "tags")), true);

        assertThat(check.compare("1", source, reordered)).get().extracting(Mismatch::kind).isEqualTo(MismatchKind.DIFFERENT);
        assertThat(ignoring.compare("1", source, reordered)).isEmpty();
        assertThat(ignoring.compare("1", source, doc("1", "{'tags':[{'keyToValue':'a:x','value':'x'}]}"))).isPresent();
    }

    @Test
    void aSourceTheTransformRejectsIsAMismatchSayingWhy() {
        DocumentTransform rejecting = (id, source) -> {
            throw new TransformException("tags is a string");
        };
        Mismatch mismatch = new DocumentCheck(rejecting, false).compare("9", doc("9", "{'tags':'x'}"), null).orElseThrow();
        assertThat(mismatch.kind()).isEqualTo(MismatchKind.MISSING);
        assertThat(mismatch.note()).contains("the transform fails on the source document: tags is a string");
    }
}
