package io.tandem.core.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TagsToKeyValueTransformTest {

    private static final DocumentTransform TAGS = Transforms.load("tags-to-key-value", Map.of("source", "tags"));

    @Test
    void tagMapBecomesKeyToValuePairsInMapOrder() {
        ObjectNode result = TAGS.apply("1", object("{'id': 1, 'tags': {'zone': 'b', 'env': 'prod', 'app': 'x'}}"));

        assertThat(result).isEqualTo(object("""
                {'id': 1, 'tags': [
                  {'keyToValue': 'zone:b', 'value': 'b'},
                  {'keyToValue': 'env:prod', 'value': 'prod'},
                  {'keyToValue': 'app:x', 'value': 'x'}]}"""));
    }

    @Test
    void stringTagValueIsKeptAsIs() {
        assertThat(TAGS.apply("1", object("{'tags': {'name': ' Mixed Case  '}}")))
                .isEqualTo(object("{'tags': [{'keyToValue': 'name: Mixed Case  ', 'value': ' Mixed Case  '}]}"));
    }

    @Test
    void numberAndBooleanTagValuesBecomeTheirJsonText() {
        assertThat(TAGS.apply("1", object("{'tags': {'count': 42, 'ratio': 1.5, 'on': true}}")))
                .isEqualTo(object("""
                        {'tags': [
                          {'keyToValue': 'count:42', 'value': '42'},
                          {'keyToValue': 'ratio:1.5', 'value': '1.5'},
                          {'keyToValue': 'on:true', 'value': 'true'}]}"""));
    }

    @Test
    void nullTagValueIsSkipped() {
        assertThat(TAGS.apply("1", object("{'tags': {'gone': null, 'env': 'prod'}}")))
                .isEqualTo(object("{'tags': [{'keyToValue': 'env:prod', 'value': 'prod'}]}"));
    }

    @Test
    void arrayTagValueGivesOnePairPerNonNullElement() {
        assertThat(TAGS.apply("1", object("{'tags': {'team': ['a', null, 7, 'a'], 'empty': []}}")))
                .isEqualTo(object("""
                        {'tags': [
                          {'keyToValue': 'team:a', 'value': 'a'},
                          {'keyToValue': 'team:7', 'value': '7'},
                          {'keyToValue': 'team:a', 'value': 'a'}]}"""));
    }

    @Test
    void arrayInsideTagArrayFailsTheDocument() {
        assertThatExceptionOfType(TransformException.class)
                .isThrownBy(() -> TAGS.apply("1", object("{'tags': {'team': ['a', ['b']]}}")))
                .withMessage("'tags.team[1]' is JSON type array inside a tag array;"
                        + " only strings, numbers, booleans and nulls can be tag values");
    }

    @Test
    void objectInsideTagArrayFailsTheDocument() {
        assertThatExceptionOfType(TransformException.class)
                .isThrownBy(() -> TAGS.apply("1", object("{'tags': {'team': [{'name': 'b'}]}}")))
                .withMessageStartingWith("'tags.team[0]' is JSON type object inside a tag array");
    }

    @Test
    void objectTagValueIsFlattenedIntoDottedKeys() {
        assertThat(TAGS.apply("1", object("{'tags': {'k': {'sub': 'x', 'deeper': {'leaf': ['y', 2], 'none': null}}}}")))
                .isEqualTo(object("""
                        {'tags': [
                          {'keyToValue': 'k.sub:x', 'value': 'x'},
                          {'keyToValue': 'k.deeper.leaf:y', 'value': 'y'},
                          {'keyToValue': 'k.deeper.leaf:2', 'value': '2'}]}"""));
    }

    @Test
    void emptyTagMapBecomesEmptyArray() {
        assertThat(TAGS.apply("1", object("{'tags': {}, 'x': 1}"))).isEqualTo(object("{'tags': [], 'x': 1}"));
    }

    @Test
    void nullTagMapBecomesEmptyArray() {
        assertThat(TAGS.apply("1", object("{'tags': null}"))).isEqualTo(object("{'tags': []}"));
    }

    @Test
    void missingSourcePathReturnsTheDocumentUnchangedAsACopy() {
        DocumentTransform nested = Transforms.load("tags-to-key-value",
                Map.of("source", "actions.tags", "target", "tags"));
        ObjectNode noActions = object("{'id': 1}");
        ObjectNode nullActions = object("{'actions': null}");
        ObjectNode noTags = object("{'actions': {'kind': 'click'}}");

        for (ObjectNode document : new ObjectNode[] {noActions, nullActions, noTags}) {
            ObjectNode result = nested.apply("1", document);
            assertThat(result).isEqualTo(document).isNotSameAs(document);
        }
    }

    @Test
    void nonObjectAtSourceFailsTheDocumentNamingPathAndType() {
        assertThatExceptionOfType(TransformException.class)
                .isThrownBy(() -> TAGS.apply("1", object("{'tags': ['env:prod']}")))
                .withMessage("tags at 'tags' are JSON type array, expected an object");
        assertThatExceptionOfType(TransformException.class)
                .isThrownBy(() -> TAGS.apply("1", object("{'tags': 'env:prod'}")))
                .withMessage("tags at 'tags' are JSON type string, expected an object");
    }

    @Test
    void nonObjectOnTheWayToSourceFailsTheDocumentNamingPathAndType() {
        DocumentTransform nested = Transforms.load("tags-to-key-value", Map.of("source", "actions.tags"));

        assertThatExceptionOfType(TransformException.class)
                .isThrownBy(() -> nested.apply("1", object("{'actions': [{'tags': {}}]}")))
                .withMessage("'actions' is JSON type array, so it cannot hold 'actions.tags'");
    }

    @Test
    void separatorInsideAKeyIsEscapedAndAValueIsKeptVerbatim() {
        assertThat(TAGS.apply("1", object("{'tags': {'a:b': 'c', 'a': 'b:c', 'back\\\\slash': 'x\\\\'}}")))
                .isEqualTo(object("""
                        {'tags': [
                          {'keyToValue': 'a\\\\:b:c', 'value': 'c'},
                          {'keyToValue': 'a:b:c', 'value': 'b:c'},
                          {'keyToValue': 'back\\\\\\\\slash:x\\\\', 'value': 'x\\\\'}]}"""));
    }

    @Test
    void aValueWithColonsGivesKeyColonValueAsTheApplicationBuildsIt() {
        assertThat(TAGS.apply("1", object("{'tags': {'k238': 'svc:30:omega', 'url': 'http://x/y?q=1#a', 'at': '12:30'}}")))
                .isEqualTo(object("""
                        {'tags': [
                          {'keyToValue': 'k238:svc:30:omega', 'value': 'svc:30:omega'},
                          {'keyToValue': 'url:http://x/y?q=1#a', 'value': 'http://x/y?q=1#a'},
                          {'keyToValue': 'at:12:30', 'value': '12:30'}]}"""));
    }

    @Test
    void configuredSeparatorIsEscapedInKeysOnly() {
        DocumentTransform pipe = Transforms.load("tags-to-key-value", Map.of("source", "tags", "separator", "|"));

        assertThat(pipe.apply("1", object("{'tags': {'env': 'prod|eu', 'zone': 'a:b', 'a|b': 'c'}}")))
                .isEqualTo(object("""
                        {'tags': [
                          {'keyToValue': 'env|prod|eu', 'value': 'prod|eu'},
                          {'keyToValue': 'zone|a:b', 'value': 'a:b'},
                          {'keyToValue': 'a\\\\|b|c', 'value': 'c'}]}"""));
    }

    @Test
    void anObjectTheMovedTagsLeftEmptyIsRemoved() {
        DocumentTransform nested = Transforms.load("tags-to-key-value",
                Map.of("source", "actions.tags", "target", "tags"));

        assertThat(nested.apply("1", object("{'id': 1, 'actions': {'tags': {'env': 'prod'}}}")))
                .isEqualTo(object("{'id': 1, 'tags': [{'keyToValue': 'env:prod', 'value': 'prod'}]}"));
        assertThat(nested.apply("1", object("{'actions': {'tags': null}}")))
                .isEqualTo(object("{'tags': []}"));
    }

    @Test
    void everyObjectOnTheSourcePathLeftEmptyIsRemovedUpToOneThatStillHoldsFields() {
        DocumentTransform deep = Transforms.load("tags-to-key-value", Map.of("source", "a.b.c.tags", "target", "tags"));

        assertThat(deep.apply("1", object("{'a': {'b': {'c': {'tags': {'k': 'v'}}}, 'x': 1}}")))
                .isEqualTo(object("{'a': {'x': 1}, 'tags': [{'keyToValue': 'k:v', 'value': 'v'}]}"));
        assertThat(deep.applyShared("1", object("{'a': {'b': {'c': {'tags': {'k': 'v'}}}}}")))
                .isEqualTo(object("{'tags': [{'keyToValue': 'k:v', 'value': 'v'}]}"));
    }

    @Test
    void anEmptyObjectTheSourceAlreadyHadIsKept() {
        DocumentTransform nested = Transforms.load("tags-to-key-value",
                Map.of("source", "actions.tags", "target", "tags"));

        assertThat(nested.apply("1", object("{'actions': {'tags': {'env': 'prod'}, 'meta': {}}, 'empty': {}}")))
                .isEqualTo(object("""
                        {'actions': {'meta': {}}, 'empty': {},
                         'tags': [{'keyToValue': 'env:prod', 'value': 'prod'}]}"""));
        assertThat(nested.apply("1", object("{'actions': {}}"))).isEqualTo(object("{'actions': {}}"));
    }

    @Test
    void aTargetBesideTheSourceKeepsTheirCommonObject() {
        DocumentTransform beside = Transforms.load("tags-to-key-value",
                Map.of("source", "actions.tags", "target", "actions.pairs"));

        assertThat(beside.apply("1", object("{'actions': {'tags': {'env': 'prod'}}}")))
                .isEqualTo(object("{'actions': {'pairs': [{'keyToValue': 'env:prod', 'value': 'prod'}]}}"));
    }

    @Test
    void nestedSourcePathIsMovedToTopLevelTarget() {
        DocumentTransform nested = Transforms.load("tags-to-key-value",
                Map.of("source", "actions.tags", "target", "tags"));

        assertThat(nested.apply("1", object("{'actions': {'kind': 'click', 'tags': {'env': 'prod'}}}")))
                .isEqualTo(object("""
                        {'actions': {'kind': 'click'},
                         'tags': [{'keyToValue': 'env:prod', 'value': 'prod'}]}"""));
    }

    @Test
    void missingObjectsOnTheTargetPathAreCreated() {
        DocumentTransform deep = Transforms.load("tags-to-key-value",
                Map.of("source", "tags", "target", "meta.search.tags"));

        assertThat(deep.apply("1", object("{'meta': {'owner': 'x'}, 'tags': {'env': 'prod'}}")))
                .isEqualTo(object("""
                        {'meta': {'owner': 'x', 'search': {'tags': [{'keyToValue': 'env:prod', 'value': 'prod'}]}}}"""));
    }

    @Test
    void targetInsideSourceReplacesTheSourceObject() {
        DocumentTransform inside = Transforms.load("tags-to-key-value", Map.of("source", "tags", "target", "tags.pairs"));

        assertThat(inside.apply("1", object("{'tags': {'env': 'prod'}}")))
                .isEqualTo(object("{'tags': {'pairs': [{'keyToValue': 'env:prod', 'value': 'prod'}]}}"));
    }

    @Test
    void existingTargetValueFailsTheDocumentRatherThanBeingOverwritten() {
        DocumentTransform nested = Transforms.load("tags-to-key-value",
                Map.of("source", "actions.tags", "target", "tags"));

        assertThatExceptionOfType(TransformException.class)
                .isThrownBy(() -> nested.apply("1", object("{'tags': ['kept'], 'actions': {'tags': {'env': 'prod'}}}")))
                .withMessage("target 'tags' already holds JSON type array;"
                        + " not overwriting it with the tags from 'actions.tags'");
    }

    @Test
    void nonObjectOnTheWayToTargetFailsTheDocument() {
        DocumentTransform deep = Transforms.load("tags-to-key-value", Map.of("source", "tags", "target", "meta.tags"));

        assertThatExceptionOfType(TransformException.class)
                .isThrownBy(() -> deep.apply("1", object("{'meta': 'x', 'tags': {'env': 'prod'}}")))
                .withMessage("'meta' is JSON type string, so it cannot hold 'meta.tags'");
    }

    @Test
    void inputDocumentIsNotMutated() {
        DocumentTransform nested = Transforms.load("tags-to-key-value",
                Map.of("source", "actions.tags", "target", "meta.tags"));
        ObjectNode input = object("{'actions': {'tags': {'env': 'prod', 'k': {'sub': [1, 2]}}}, 'meta': {'a': 1}}");
        ObjectNode before = input.deepCopy();

        ObjectNode result = nested.apply("1", input);
        ((ObjectNode) result.get("meta")).put("a", 2);

        assertThat(input).isEqualTo(before);
    }
}
