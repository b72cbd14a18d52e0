package io.tandem.core.schema;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.schema.MappingDifference.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingDiffTest {

    private static final String CONTRACT = "{'dynamic':'strict','properties':{"
            + "'id':{'type':'keyword'},"
            + "'message':{'type':'text','analyzer':'message_text','fields':{'raw':{'type':'keyword','ignore_above':256}}},"
            + "'createdAt':{'type':'date','format':'epoch_millis'},"
            + "'tags':{'properties':{'keyToValue':{'type':'keyword'},'value':{'type':'keyword'}}}}}";

    private static List<MappingDifference> diff(String expected, String live) {
        return MappingDiff.compare(object(expected), object(live));
    }

    @Test
    void identicalMappingsHaveNoDifference() {
        assertThat(diff(CONTRACT, CONTRACT)).isEmpty();
    }

    @Test
    void whatTheEnginesOnlySpellDifferentlyIsNoDifference() {
        // as GET _mapping answers: implied object type spelled out, dynamic as a boolean, numbers as strings,
        // copy_to as a one-element array, defaults spelled out in the contract but left out by the engine
        String expected = "{'dynamic':true,'_source':{'enabled':true},'properties':{"
                + "'id':{'type':'keyword','doc_values':true,'index':'true','copy_to':'all'},"
                + "'all':{'type':'text','norms':true},"
                + "'meta':{'type':'object','dynamic':false,'properties':{'n':{'type':'integer','coerce':true}}},"
                + "'body':{'type':'text','analyzer':'english','search_analyzer':'english'},"
                + "'title':{'type':'text','fields':{'raw':{'type':'keyword','ignore_above':'256'}}},"
                + "'at':{'type':'date','format':'strict_date_optional_time||epoch_millis'},"
                + "'score':{'type':'float','boost':1}}}";
        String live = "{'dynamic':'true','properties':{"
                + "'id':{'type':'keyword','copy_to':['all']},"
                + "'all':{'type':'text'},"
                + "'meta':{'dynamic':'false','properties':{'n':{'type':'integer'}}},"
                + "'body':{'type':'text','analyzer':'english'},"
                + "'title':{'type':'text','fields':{'raw':{'type':'keyword','ignore_above':256}}},"
                + "'at':{'type':'date'},"
                + "'score':{'type':'float','boost':1.0}}}";
        assertThat(diff(expected, live)).isEmpty();
    }

    @Test
    void aFieldOnlyInTheLiveIndexIsAddedWithItsFullPath() {
        String live = CONTRACT.replace("'value':{'type':'keyword'}", "'value':{'type':'keyword'},'extra':{'type':'keyword'}");
        assertThat(diff(CONTRACT, live)).singleElement().satisfies(d -> {
            assertThat(d).isEqualTo(new MappingDifference("tags.extra", Kind.FIELD_ADDED, null, null, "keyword"));
            assertThat(d).hasToString("+ tags.extra: keyword (in the live index, not in the contract)");
        });
    }

    @Test
    void aFieldOnlyInTheContractIsRemoved() {
        String live = CONTRACT.replace("'createdAt':{'type':'date','format':'epoch_millis'},", "");
        assertThat(diff(CONTRACT, live)).singleElement()
                .hasToString("- createdAt: date (in the contract, not in the live index)");
    }

    @Test
    void aMultiFieldIsAFieldOfItsOwn() {
        String live = CONTRACT.replace("'fields':{'raw':{'type':'keyword','ignore_above':256}}",
                "'fields':{'raw':{'type':'keyword','ignore_above':256},'en':{'type':'text','analyzer':'english'}}");
        assertThat(diff(CONTRACT, live)).singleElement()
                .hasToString("+ message.en: text (in the live index, not in the contract)");
        String withoutRaw = CONTRACT.replace(",'fields':{'raw':{'type':'keyword','ignore_above':256}}", "");
        assertThat(diff(CONTRACT, withoutRaw)).singleElement()
                .hasToString("- message.raw: keyword (in the contract, not in the live index)");
    }

    @Test
    void aChangedTypeIsReportedAloneNotWithTheParametersThatComeWithIt() {
        String live = CONTRACT.replace("'createdAt':{'type':'date','format':'epoch_millis'}", "'createdAt':{'type':'keyword'}");
        assertThat(diff(CONTRACT, live)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.TYPE_CHANGED);
            assertThat(d).hasToString("~ createdAt: type date -> keyword");
        });
    }

    @Test
    void anObjectBecomingNestedIsATypeChange() {
        String live = CONTRACT.replace("'tags':{", "'tags':{'type':'nested',");
        assertThat(diff(CONTRACT, live)).singleElement().hasToString("~ tags: type object -> nested");
    }

    @Test
    void aChangedAnalyzerIsReportedOnce() {
        String live = CONTRACT.replace("'analyzer':'message_text'", "'analyzer':'standard'");
        assertThat(diff(CONTRACT, live)).singleElement().satisfies(d -> {
            assertThat(d).isEqualTo(new MappingDifference("message", Kind.ANALYSIS_CHANGED, "analyzer", "message_text", "standard"));
            assertThat(d).hasToString("~ message: analyzer message_text -> standard");
        });
        String unset = CONTRACT.replace(",'analyzer':'message_text'", "");
        assertThat(diff(CONTRACT, unset)).singleElement().hasToString("~ message: analyzer message_text -> default");
    }

    @Test
    void aSearchAnalyzerOtherThanTheAnalyzerIsReported() {
        String live = CONTRACT.replace("'analyzer':'message_text'", "'analyzer':'message_text','search_analyzer':'standard'");
        assertThat(diff(CONTRACT, live)).singleElement()
                .hasToString("~ message: search_analyzer message_text -> standard");
    }

    @Test
    void aChangedNormalizerIsReported() {
        String expected = "{'properties':{'id':{'type':'keyword','normalizer':'lowercase'}}}";
        assertThat(diff(expected, "{'properties':{'id':{'type':'keyword'}}}")).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(Kind.ANALYSIS_CHANGED))
                .hasToString("~ id: normalizer lowercase -> (unset)");
    }

    @Test
    void aChangedRootDynamicIsReportedAtTheRootOnly() {
        String live = CONTRACT.replace("'dynamic':'strict'", "'dynamic':true");
        assertThat(diff(CONTRACT, live)).singleElement().satisfies(d -> {
            assertThat(d).isEqualTo(new MappingDifference("", Kind.DYNAMIC_CHANGED, "dynamic", "strict", "true"));
            assertThat(d).hasToString("~ (root): dynamic strict -> true");
        });
        // no dynamic at the root is the engine's default: true
        assertThat(diff("{'properties':{}}", "{'dynamic':'true','properties':{}}")).isEmpty();
    }

    @Test
    void anObjectsDynamicIsComparedWithWhatItInherits() {
        String looser = CONTRACT.replace("'tags':{", "'tags':{'dynamic':'true',");
        assertThat(diff(CONTRACT, looser)).singleElement().hasToString("~ tags: dynamic strict -> true");
        String sameAsInherited = CONTRACT.replace("'tags':{", "'tags':{'dynamic':'strict',");
        assertThat(diff(CONTRACT, sameAsInherited)).isEmpty();
    }

    @Test
    void otherChangedParametersAreNamed() {
        String live = CONTRACT
                .replace("'id':{'type':'keyword'}", "'id':{'type':'keyword','doc_values':false}")
                .replace("'format':'epoch_millis'", "'format':'yyyy-MM-dd'")
                .replace("'ignore_above':256", "'ignore_above':1024");
        assertThat(diff(CONTRACT, live)).extracting(MappingDifference::toString).containsExactly(
                "~ createdAt: format epoch_millis -> yyyy-MM-dd",
                "~ id: doc_values true -> false",
                "~ message.raw: ignore_above 256 -> 1024");
        assertThat(diff(CONTRACT, live)).extracting(MappingDifference::kind).containsOnly(Kind.PARAMETER_CHANGED);
    }

    @Test
    void aParameterWithoutAKnownDefaultIsUnsetOnTheOtherSide() {
        String expected = "{'properties':{'n':{'type':'long','null_value':0}}}";
        assertThat(diff(expected, "{'properties':{'n':{'type':'long'}}}")).singleElement()
                .hasToString("~ n: null_value 0 -> (unset)");
    }

    @Test
    void rootParametersAreCompared() {
        assertThat(diff("{'_source':{'excludes':['secret']},'properties':{}}", "{'properties':{}}")).singleElement()
                .hasToString("~ (root): _source {\"excludes\":[\"secret\"]} -> {\"enabled\":true}");
        assertThat(diff("{'date_detection':false}", "{}")).singleElement()
                .hasToString("~ (root): date_detection false -> true");
    }

    @Test
    void differencesOfSeveralKindsComeInPathOrder() {
        String live = "{'dynamic':'strict','properties':{"
                + "'id':{'type':'long'},"
                + "'message':{'type':'text','analyzer':'standard','fields':{'raw':{'type':'keyword','ignore_above':256}}},"
                + "'tags':{'properties':{'keyToValue':{'type':'keyword'},'value':{'type':'text'},'extra':{'type':'keyword'}}}}}";
        assertThat(diff(CONTRACT, live)).extracting(MappingDifference::toString).containsExactly(
                "- createdAt: date (in the contract, not in the live index)",
                "~ id: type keyword -> long",
                "~ message: analyzer message_text -> standard",
                "+ tags.extra: keyword (in the live index, not in the contract)",
                "~ tags.value: type keyword -> text");
    }
}
