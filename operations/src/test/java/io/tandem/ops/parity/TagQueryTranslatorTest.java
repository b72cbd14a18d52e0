package io.tandem.ops.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.query.TagQueries;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagQueryTranslatorTest {

    private static final JsonMapper SINGLE_QUOTED = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    private final QueryTranslator translator = new TagQueryTranslator("actions.tags", TagQueries.at("tags"));

    @Test
    void termOnATagKeyBecomesATermOnKeyToValue() {
        assertTranslated("{'query':{'term':{'actions.tags.env':'prod'}}}",
                "{'query':{'term':{'tags.keyToValue':{'value':'env:prod'}}}}");
    }

    @Test
    void theKeyIsEscapedAndTheValueKeptAsTheTransformWritesThem() {
        assertTranslated("{'query':{'term':{'actions.tags.a:b':{'value':'C:\\\\tmp','boost':2,'_name':'t'}}}}",
                "{'query':{'term':{'tags.keyToValue':{'value':'a\\\\:b:C:\\\\tmp','boost':2,'_name':'t'}}}}");
        assertTranslated("{'query':{'term':{'actions.tags.url':'http://x/y'}}}",
                "{'query':{'term':{'tags.keyToValue':{'value':'url:http://x/y'}}}}");
    }

    @Test
    void numbersAndBooleansAreTheirJsonText() {
        assertTranslated("{'query':{'terms':{'actions.tags.tier':[1, 1.5, true],'boost':3}}}",
                "{'query':{'terms':{'tags.keyToValue':['tier:1','tier:1.5','tier:true'],'boost':3}}}");
    }

    @Test
    void matchAndMatchPhraseOnATagAreOneKeywordTerm() {
        assertTranslated("{'query':{'match':{'actions.tags.env':{'query':'prod eu','operator':'and','boost':2}}}}",
                "{'query':{'term':{'tags.keyToValue':{'value':'env:prod eu','boost':2}}}}");
        assertTranslated("{'query':{'match_phrase':{'actions.tags.env':'prod'}}}",
                "{'query':{'term':{'tags.keyToValue':{'value':'env:prod'}}}}");
    }

    @Test
    void existsOnAKeyMatchesTheKeyAndItsNestedKeys() {
        assertTranslated("{'query':{'exists':{'field':'actions.tags.env','boost':2}}}",
                "{'query':{'bool':{'should':[{'prefix':{'tags.keyToValue':{'value':'env:'}}},"
                        + "{'prefix':{'tags.keyToValue':{'value':'env.'}}}],'minimum_should_match':1,'boost':2}}}");
    }

    @Test
    void existsOnTheTagsObjectIsAnyTag() {
        assertTranslated("{'query':{'exists':{'field':'actions.tags'}}}",
                "{'query':{'exists':{'field':'tags.keyToValue'}}}");
        assertTranslated("{'query':{'exists':{'field':'actions.tags.*'}}}",
                "{'query':{'exists':{'field':'tags.keyToValue'}}}");
    }

    @Test
    void multiMatchOverEveryTagIsByValue() {
        assertTranslated("{'query':{'multi_match':{'query':'prod','fields':['actions.tags.*'],'_name':'v'}}}",
                "{'query':{'term':{'tags.value':{'value':'prod','_name':'v'}}}}");
    }

    @Test
    void tagClausesAreTranslatedInsideEveryCompoundQueryAndTheRestIsKept() {
        assertTranslated("""
                {'query':{'bool':{
                   'must':{'match':{'message':'disk full'}},
                   'filter':[{'term':{'actions.tags.env':'prod'}},{'range':{'createdAt':{'gte':'2024-01-01'}}}],
                   'should':[{'constant_score':{'filter':{'term':{'actions.tags.team':'a'}},'boost':2}},
                             {'dis_max':{'queries':[{'term':{'actions.tags.team':'b'}}]}},
                             {'boosting':{'positive':{'term':{'actions.tags.team':'c'}},'negative':{'term':{'id':'x'}},'negative_boost':0.5}}],
                   'must_not':{'function_score':{'query':{'term':{'actions.tags.muted':true}},
                                                 'functions':[{'filter':{'term':{'actions.tags.x':'y'}},'weight':2}]}},
                   'minimum_should_match':1}},
                 'post_filter':{'term':{'actions.tags.env':'eu'}},
                 'sort':[{'createdAt':'desc'},'id'],'size':20,'from':40,'_source':['id','message'],'track_total_hits':true}""",
                """
                {'query':{'bool':{
                   'must':{'match':{'message':'disk full'}},
                   'filter':[{'term':{'tags.keyToValue':{'value':'env:prod'}}},{'range':{'createdAt':{'gte':'2024-01-01'}}}],
                   'should':[{'constant_score':{'filter':{'term':{'tags.keyToValue':{'value':'team:a'}}},'boost':2}},
                             {'dis_max':{'queries':[{'term':{'tags.keyToValue':{'value':'team:b'}}}]}},
                             {'boosting':{'positive':{'term':{'tags.keyToValue':{'value':'team:c'}}},'negative':{'term':{'id':'x'}},'negative_boost':0.5}}],
                   'must_not':{'function_score':{'query':{'term':{'tags.keyToValue':{'value':'muted:true'}}},
                                                 'functions':[{'filter':{'term':{'tags.keyToValue':{'value':'x:y'}}},'weight':2}]}},
                   'minimum_should_match':1}},
                 'post_filter':{'term':{'tags.keyToValue':{'value':'env:eu'}}},
                 'sort':[{'createdAt':'desc'},'id'],'size':20,'from':40,'_source':['id','message'],'track_total_hits':true}""");
    }

    @Test
    void aQueryWithoutTagsIsUnchanged() {
        String body = "{'query':{'match':{'message':'tags are fine here'}},'sort':['_score'],'size':5}";
        assertTranslated(body, body);
    }

    @Test
    void theSeparatorAndPathsOfTheTransformAreUsed() {
        QueryTranslator piped = new TagQueryTranslator("tags", TagQueries.at("meta.kv", "|"));
        assertThat(piped.translate(json("{'query':{'term':{'tags.a|b':'c'}}}")).body())
                .isEqualTo(json("{'query':{'term':{'meta.kv.keyToValue':{'value':'a\\\\|b|c'}}}}"));
    }

    @Test
    void aTagKeyNamedLikeANewFieldIsStillATagKey() {
        // the old index had a tag called "value": its field was tags.value
        QueryTranslator sameRoot = new TagQueryTranslator("tags", TagQueries.at("tags"));
        assertThat(sameRoot.translate(json("{'query':{'term':{'tags.value':'x'}}}")).body())
                .isEqualTo(json("{'query':{'term':{'tags.keyToValue':{'value':'value:x'}}}}"));
    }

    @Test
    void fullTextOverEveryFieldIsKeptWithANote() {
        String body = "{'query':{'bool':{'must':[{'query_string':{'query':'disk AND full'}},"
                + "{'multi_match':{'query':'prod','fields':['*']}}]}}}";
        Translation translation = translator.translate(json(body));
        assertThat(translation.body()).isEqualTo(json(body));
        assertThat(translation.notes()).hasSize(2).first().asString()
                .startsWith("query.bool.must[0].query_string searches every field, the tags included")
                .contains("tags.value and tags.keyToValue");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'query':{'range':{'actions.tags.prio':{'gte':3}}}}|query.range: 'actions.tags.prio' refers to the tags",
            "{'query':{'bool':{'filter':[{'prefix':{'actions.tags.env':'pr'}}]}}}|query.bool.filter[0].prefix: 'actions.tags.env'",
            "{'query':{'wildcard':{'actions.tags.env':{'value':'p*'}}}}|query.wildcard: 'actions.tags.env'",
            "{'query':{'match_all':{}},'sort':[{'actions.tags.prio':'asc'}]}|sort: 'actions.tags.prio'",
            "{'aggs':{'envs':{'terms':{'field':'actions.tags.env'}}}}|aggs: 'actions.tags.env'",
            "{'query':{'query_string':{'query':'actions.tags.env:prod'}}}|query.query_string: 'actions.tags.env:prod'",
            "{'query':{'query_string':{'query':'prod','fields':['message','actions.tags.*']}}}|query.query_string: 'actions.tags.*'",
            "{'query':{'multi_match':{'query':'prod','fields':['message','actions.tags.env']}}}|query.multi_match: 'actions.tags.env'",
            "{'query':{'multi_match':{'query':'prod','fields':['act*']}}}|query.multi_match: 'act*'",
            "{'query':{'script':{'script':\"doc['actions.tags.env'].value == 'x'\"}}}|query.script: 'doc['actions.tags.env']",
            "{'query':{'term':{'actions.tags.env':{'value':'Prod','case_insensitive':true}}}}|case_insensitive on tag field",
            "{'query':{'match':{'actions.tags.env':{'query':'prod','fuzziness':'AUTO'}}}}|option 'fuzziness' on a tag field",
            "{'query':{'match':{'actions.tags.env':{'query':'prod','analyzer':'standard'}}}}|option 'analyzer' on a tag field",
            "{'query':{'terms':{'actions.tags.env':{'index':'lookup','id':'1','path':'envs'}}}}|a terms lookup on tag field",
            "{'query':{'term':{'actions.tags.env':null}}}|a tag value is a string, number or boolean, got null",
            "{'query':{'match':{'actions.tags.env':''}}}|an empty query text",
            "{'query':{'exists':{'field':'actions.tags.e*'}}}|exists on the pattern 'actions.tags.e*'",
            "{'query':{'multi_match':{'query':'p','fields':['actions.tags.*'],'type':'phrase_prefix'}}}|multi_match of type phrase_prefix",
            "{'query':{'nested':{'path':'actions.tags','query':{'match_all':{}}}}}|query.nested.path: 'actions.tags'"
    })
    void unsupportedTagShapesAreReportedWithWhereAndWhy(String caseAndMessage) {
        String[] parts = caseAndMessage.split("\\|");
        assertThatThrownBy(() -> translator.translate(json(parts[0])))
                .isInstanceOf(UntranslatableQueryException.class)
                .hasMessageContaining(parts[1]);
    }

    @Test
    void theMessageSaysWhatIsTranslated() {
        assertThatThrownBy(() -> translator.translate(json("{'query':{'range':{'actions.tags.prio':{'gte':3}}}}")))
                .hasMessage("query.range: 'actions.tags.prio' refers to the tags in a way that has no translation;"
                        + " translated are term, terms, match and match_phrase on actions.tags.<key>, exists on"
                        + " actions.tags.<key> and actions.tags, multi_match over actions.tags.*");
    }

    @Test
    void textThatOnlyEndsWithTheTagsPathIsNoMention() {
        String body = "{'query':{'query_string':{'query':'hashtags.com OR foo.actions.tags.x','fields':['message']}}}";
        assertTranslated(body, body);
    }

    @Test
    void theInputIsNotChanged() {
        ObjectNode body = json("{'query':{'term':{'actions.tags.env':'prod'}}}");
        translator.translate(body);
        assertThat(body).isEqualTo(json("{'query':{'term':{'actions.tags.env':'prod'}}}"));
    }

    @Test
    void identityAsksEveryQueryUnchanged() {
        QueryTranslator identity = QueryTranslators.forTransform("identity", Map.of());
        ObjectNode body = json("{'query':{'term':{'actions.tags.env':'prod'}}}");
        assertThat(identity.translate(body).body()).isEqualTo(body);
    }

    @Test
    void theTransformsOptionsAndDefaultsChooseTheTranslation() {
        QueryTranslator fromOptions = QueryTranslators.forTransform("tags-to-key-value", Map.of("source", "tags"));
        assertThat(fromOptions.translate(json("{'query':{'term':{'tags.env':'prod'}}}")).body())
                .isEqualTo(json("{'query':{'term':{'tags.keyToValue':{'value':'env:prod'}}}}"));
    }

    @Test
    void aTransformWithoutTranslationOrWithBadOptionsIsRefused() {
        assertThatThrownBy(() -> QueryTranslators.forTransform("tags-to-key-value", Map.of("source", "tags", "separator", "::")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("option 'separator'");
        assertThatThrownBy(() -> QueryTranslators.forTransform("no-such", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown transform 'no-such'");
        // a transform of the test class path: it exists, but nothing says how queries follow it
        assertThatThrownBy(() -> QueryTranslators.forTransform(UntranslatedTransformProvider.NAME, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no query translation for transform 'test-untranslated': queries can be translated for"
                        + " identity and tags-to-key-value");
    }

    private void assertTranslated(String oldBody, String newBody) {
        Translation translation = translator.translate(json(oldBody));
        assertThat(translation.body()).isEqualTo(json(newBody));
        assertThat(translation.notes()).isEmpty();
    }

    private static ObjectNode json(String singleQuoted) {
        try {
            return (ObjectNode) SINGLE_QUOTED.readTree(singleQuoted);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + singleQuoted, e);
        }
    }
}
