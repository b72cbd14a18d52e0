package io.tandem.core.schema;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.schema.MappingDifference.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: what dynamic mapping added where the contract lets the engine add it is information, not drift; anything
 * else stays drift.
 */
class MappingDiffDynamicFieldsTest {

    /** A strict root with one object open to dynamic mapping, as a contract for click events would have it. */
    private static final String CONTRACT = "{'dynamic':'strict','properties':{"
            + "'id':{'type':'keyword'},"
            + "'actions':{'type':'object','dynamic':true,'properties':{'opened':{'type':'date'}}},"
            + "'tags':{'properties':{'value':{'type':'keyword'}}}}}";

    private static List<MappingDifference> diff(String expected, String live) {
        return MappingDiff.compare(object(expected), object(live));
    }

    /** The contract's mappings as the engine returns them after a document added {@code field} under {@code parent}. */
    private static String withAdded(String contract, String parentProperties, String field) {
        assertThat(contract).contains(parentProperties);
        return contract.replace(parentProperties, parentProperties + field + ",");
    }

    @Test
    void aFieldAddedUnderAnObjectWithDynamicTrueIsAllowedNotDrift() {
        String live = withAdded(CONTRACT, "'actions':{'type':'object','dynamic':true,'properties':{", "'clicked':{'type':'boolean'}");

        assertThat(diff(CONTRACT, live)).singleElement().satisfies(d -> {
            assertThat(d).isEqualTo(new MappingDifference("actions.clicked", Kind.DYNAMIC_FIELD_ADDED, null, null, "boolean"));
            assertThat(d.allowed()).isTrue();
            assertThat(d).hasToString("~ actions.clicked: boolean (added by dynamic mapping under 'actions', allowed by the contract)");
        });
    }

    @Test
    void aFieldAddedUnderAnObjectWithDynamicRuntimeIsAllowed() {
        String contract = CONTRACT.replace("'dynamic':true", "'dynamic':'runtime'");
        // an object value still makes an object mapper; its leaves become runtime fields, named by their full path
        String live = withAdded(contract, "'actions':{'type':'object','dynamic':'runtime','properties':{", "'meta':{'type':'object'}")
                .replace("{'dynamic':'strict',", "{'dynamic':'strict','runtime':{'actions.clicked':{'type':'boolean'},"
                        + "'actions.meta.by':{'type':'keyword'}},");

        assertThat(diff(contract, live)).extracting(MappingDifference::toString).containsExactlyInAnyOrder(
                "~ actions.clicked: boolean (added by dynamic mapping under 'actions', allowed by the contract)",
                "~ actions.meta.by: keyword (added by dynamic mapping under 'actions.meta', allowed by the contract)",
                "~ actions.meta: object (added by dynamic mapping under 'actions', allowed by the contract)");
    }

    @Test
    void aRuntimeFieldWhereTheContractDoesNotOpenTheLevelIsDrift() {
        String contract = CONTRACT.replace("'dynamic':true", "'dynamic':'runtime'");
        String live = contract.replace("{'dynamic':'strict',", "{'dynamic':'strict','runtime':{'tags.extra':{'type':'keyword'},"
                + "'actions.clicked':{'type':'boolean'}},");

        List<MappingDifference> differences = diff(contract, live);

        assertThat(differences).filteredOn(MappingDifference::allowed).singleElement()
                .hasToString("~ actions.clicked: boolean (added by dynamic mapping under 'actions', allowed by the contract)");
        assertThat(differences).filteredOn(d -> !d.allowed()).singleElement()
                .hasToString("~ (root): runtime (unset) -> {\"tags.extra\":{\"type\":\"keyword\"}}");
    }

    @Test
    void anObjectWithoutDynamicInheritsItFromItsParent() {
        String contract = CONTRACT.replace("'properties':{'opened':{'type':'date'}}",
                "'properties':{'opened':{'type':'date'},'device':{'properties':{'os':{'type':'keyword'}}}}");
        String live = withAdded(contract, "'device':{'properties':{", "'model':{'type':'keyword'}");

        assertThat(diff(contract, live)).singleElement()
                .hasToString("~ actions.device.model: keyword (added by dynamic mapping under 'actions.device', allowed by the contract)");

        // and a strict child of an open parent closes its own level
        String strictChild = contract.replace("'device':{", "'device':{'dynamic':'strict',");
        assertThat(diff(strictChild, withAdded(strictChild, "'device':{'dynamic':'strict','properties':{", "'model':{'type':'keyword'}")))
                .singleElement().hasToString("+ actions.device.model: keyword (in the live index, not in the contract)");
    }

    @Test
    void aFieldAddedUnderAStrictObjectIsDrift() {
        // tags inherits strict from the root: the engine would have refused it, so someone added it by hand
        String live = withAdded(CONTRACT, "'tags':{'properties':{", "'extra':{'type':'keyword'}");

        assertThat(diff(CONTRACT, live)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.FIELD_ADDED);
            assertThat(d.allowed()).isFalse();
            assertThat(d).hasToString("+ tags.extra: keyword (in the live index, not in the contract)");
        });
    }

    @Test
    void aFieldAddedUnderADynamicFalseObjectIsDrift() {
        // with false the engine keeps new fields in _source only: one in the mapping was added by hand
        String contract = CONTRACT.replace("'dynamic':true", "'dynamic':false");
        String live = withAdded(contract, "'actions':{'type':'object','dynamic':false,'properties':{", "'clicked':{'type':'boolean'}");

        assertThat(diff(contract, live)).singleElement()
                .hasToString("+ actions.clicked: boolean (in the live index, not in the contract)");
    }

    @Test
    void aFieldAddedAtALevelTheContractDoesNotOpenIsDrift() {
        String live = withAdded(CONTRACT, "{'dynamic':'strict','properties':{", "'clicked':{'type':'boolean'}");

        assertThat(diff(CONTRACT, live)).singleElement()
                .hasToString("+ clicked: boolean (in the live index, not in the contract)");
    }

    @Test
    void aChangedDeclaredFieldUnderADynamicObjectIsStillDrift() {
        String live = withAdded(CONTRACT, "'actions':{'type':'object','dynamic':true,'properties':{", "'clicked':{'type':'boolean'}")
                .replace("'opened':{'type':'date'}", "'opened':{'type':'date','format':'epoch_millis'}");
        String retyped = CONTRACT.replace("'opened':{'type':'date'}", "'opened':{'type':'long'}");
        String removed = CONTRACT.replace("'opened':{'type':'date'}", "");

        List<MappingDifference> differences = diff(CONTRACT, live);
        assertThat(differences).filteredOn(d -> !d.allowed()).singleElement()
                .hasToString("~ actions.opened: format strict_date_optional_time||epoch_millis -> epoch_millis");
        assertThat(differences).filteredOn(MappingDifference::allowed).singleElement()
                .hasToString("~ actions.clicked: boolean (added by dynamic mapping under 'actions', allowed by the contract)");
        assertThat(diff(CONTRACT, retyped)).singleElement().hasToString("~ actions.opened: type date -> long");
        assertThat(diff(CONTRACT, removed)).singleElement()
                .hasToString("- actions.opened: date (in the contract, not in the live index)");
    }

    @Test
    void aNewMultiFieldOfADeclaredFieldUnderADynamicObjectIsDrift() {
        // dynamic mapping never adds a multi-field to a field that is already mapped
        String live = CONTRACT.replace("'opened':{'type':'date'}", "'opened':{'type':'date','fields':{'raw':{'type':'keyword'}}}");

        assertThat(diff(CONTRACT, live)).singleElement()
                .hasToString("+ actions.opened.raw: keyword (in the live index, not in the contract)");
    }

    @Test
    void rootLevelDynamicTrueAllowsFieldsAddedAnywhereItIsNotClosed() {
        String contract = CONTRACT.replace("{'dynamic':'strict',", "{'dynamic':true,")
                .replace("'tags':{'properties'", "'tags':{'dynamic':'strict','properties'");
        String live = withAdded(contract, "{'dynamic':true,'properties':{", "'clicked':{'type':'boolean'}");

        assertThat(diff(contract, live)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.DYNAMIC_FIELD_ADDED);
            assertThat(d).hasToString("~ clicked: boolean (added by dynamic mapping at the root, allowed by the contract)");
        });
        assertThat(diff(contract, withAdded(contract, "'tags':{'dynamic':'strict','properties':{", "'extra':{'type':'keyword'}")))
                .singleElement().hasToString("+ tags.extra: keyword (in the live index, not in the contract)");
    }

    @Test
    void withoutDynamicAnywhereTheEnginesDefaultTrueAllowsAddedFields() {
        // the engines add fields when no level sets dynamic, and treat such a mapping as dynamic:true (so does the
        // comparison of dynamic itself): a contract wanting every undeclared field reported says strict at its root
        String contract = "{'properties':{'id':{'type':'keyword'},'tags':{'properties':{'value':{'type':'keyword'}}}}}";
        String live = "{'dynamic':'true','properties':{'id':{'type':'keyword'},'n':{'type':'long'},"
                + "'tags':{'properties':{'value':{'type':'keyword'},'extra':{'type':'text','fields':{'keyword':{'type':'keyword','ignore_above':256}}}}}}}";

        assertThat(diff(contract, live)).extracting(MappingDifference::toString).containsExactly(
                "~ n: long (added by dynamic mapping at the root, allowed by the contract)",
                "~ tags.extra: text (added by dynamic mapping under 'tags', allowed by the contract)");
    }

    @Test
    void aSubObjectAddedUnderAnAllowedObjectIsAllowedWithEverythingInIt() {
        String live = withAdded(CONTRACT, "'actions':{'type':'object','dynamic':true,'properties':{",
                "'share':{'properties':{'target':{'type':'text','fields':{'keyword':{'type':'keyword','ignore_above':256}}},"
                        + "'meta':{'properties':{'count':{'type':'long'}}}}}");

        assertThat(diff(CONTRACT, live)).singleElement()
                .hasToString("~ actions.share: object (added by dynamic mapping under 'actions', allowed by the contract)");

        // once it is there, the next restart sees it grow further: still allowed, level by level
        String grown = live.replace("'count':{'type':'long'}", "'count':{'type':'long'},'at':{'type':'date'}");
        assertThat(diff(live, grown)).singleElement()
                .hasToString("~ actions.share.meta.at: date (added by dynamic mapping under 'actions.share.meta', allowed by the contract)");
    }

    @Test
    void aFieldMappedByADynamicTemplateIsStillAllowed() {
        String templates = "'dynamic_templates':[{'actions_as_keywords':{'path_match':'actions.*','match_mapping_type':'string',"
                + "'mapping':{'type':'keyword','ignore_above':64}}}],";
        String contract = CONTRACT.replace("{'dynamic':'strict',", "{'dynamic':'strict'," + templates);
        String live = withAdded(contract, "'actions':{'type':'object','dynamic':true,'properties':{",
                "'button':{'type':'keyword','ignore_above':64}");

        assertThat(diff(contract, live)).singleElement()
                .hasToString("~ actions.button: keyword (added by dynamic mapping under 'actions', allowed by the contract)");
    }

    @Test
    void aDisabledObjectAllowsNothing() {
        String contract = "{'properties':{'raw':{'type':'object','enabled':false}}}";
        String live = "{'properties':{'raw':{'type':'object','enabled':false,'properties':{'x':{'type':'keyword'}}}}}";

        assertThat(diff(contract, live)).singleElement().hasToString("+ raw.x: keyword (in the live index, not in the contract)");
    }

    @Test
    void anObjectTheLiveIndexMadeStrictTurnsWhatItGainedIntoDrift() {
        // the engine could not have added it there: the changed dynamic and the field are both drift
        String live = withAdded(CONTRACT, "'actions':{'type':'object','dynamic':true,'properties':{", "'clicked':{'type':'boolean'}")
                .replace("'dynamic':true", "'dynamic':'strict'");

        assertThat(diff(CONTRACT, live)).extracting(MappingDifference::toString).containsExactly(
                "~ actions: dynamic true -> strict",
                "+ actions.clicked: boolean (in the live index, not in the contract)");
    }

    @Test
    void aContractResultWithOnlyAllowedFieldsMatchesAndListsThemAsInformation() {
        String live = withAdded(CONTRACT, "'actions':{'type':'object','dynamic':true,'properties':{", "'clicked':{'type':'boolean'}");
        ContractResult result = new ContractResult("events", "events-v2", true, diff(CONTRACT, live));

        assertThat(result.matches()).isTrue();
        assertThat(result.differences()).isEmpty();
        assertThat(result.dynamicFields()).extracting(MappingDifference::path).containsExactly("actions.clicked");
        assertThat(result.toString()).isEqualTo(String.join(System.lineSeparator(),
                "index events -> events-v2 keeps the contract",
                "1 field(s) added by dynamic mapping, allowed by the contract (information, not drift):",
                "  ~ actions.clicked: boolean (added by dynamic mapping under 'actions', allowed by the contract)"));
    }

    @Test
    void aContractResultWithDriftDoesNotMatchWhateverElseWasAllowed() {
        String live = withAdded(CONTRACT, "'actions':{'type':'object','dynamic':true,'properties':{", "'clicked':{'type':'boolean'}")
                .replace("'id':{'type':'keyword'}", "'id':{'type':'long'}");
        ContractResult result = new ContractResult("events", "events", true, diff(CONTRACT, live));

        assertThat(result.matches()).isFalse();
        assertThat(result.differences()).extracting(MappingDifference::toString).containsExactly("~ id: type keyword -> long");
        assertThat(result.toString()).isEqualTo(String.join(System.lineSeparator(),
                "index events differs from the contract in 1 place(s):",
                "  ~ id: type keyword -> long",
                "1 field(s) added by dynamic mapping, allowed by the contract (information, not drift):",
                "  ~ actions.clicked: boolean (added by dynamic mapping under 'actions', allowed by the contract)"));
    }
}
