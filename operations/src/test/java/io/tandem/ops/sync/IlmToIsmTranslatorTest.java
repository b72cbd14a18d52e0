package io.tandem.ops.sync;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The translation on ILM policies shaped as Elastic documents them (and as {@code GET _ilm/policy} answers them,
 * {@code min_age: 0ms} and {@code delete_searchable_snapshot} filled in), into the ISM shapes OpenSearch documents.
 */
class IlmToIsmTranslatorTest {

    private final IlmToIsmTranslator translator = new IlmToIsmTranslator();

    @Test
    void hotRolloverThenDeleteCountsTheDeleteAgeFromTheRollover() {
        PolicyTranslation translation = translator.translate("logs", object("{'policy':{'phases':{"
                + "'hot':{'min_age':'0ms','actions':{'rollover':{'max_size':'50gb','max_age':'30d','max_docs':1000000,"
                + "'max_primary_shard_size':'25gb'}}},"
                + "'delete':{'min_age':'90d','actions':{'delete':{'delete_searchable_snapshot':true}}}}}}"),
                List.of(new IsmTemplate(List.of("logs-*"), 10)));

        assertThat(translation.definition()).isEqualTo(object("{'policy':{"
                + "'description':\"Translated by Tandem from Elasticsearch ILM policy 'logs'\",'default_state':'hot','states':["
                + "{'name':'hot','actions':[{'rollover':{'min_size':'50gb','min_index_age':'30d','min_doc_count':1000000,"
                + "'min_primary_shard_size':'25gb'}}],"
                + "'transitions':[{'state_name':'delete','conditions':{'min_rollover_age':'90d'}}]},"
                + "{'name':'delete','actions':[{'delete':{}}],'transitions':[]}],"
                + "'ism_template':[{'index_patterns':['logs-*'],'priority':10}]}}"));
        assertThat(translation.untranslated()).isEmpty();
        assertThat(translation.caveats()).singleElement().asString().contains("rollover_alias");
    }

    @Test
    void warmAndColdActionsTranslateInIlmsOrderAndWhatHasNoCounterpartIsReported() {
        // Elastic's hot-warm-cold example: actions listed in another order than ILM runs them
        PolicyTranslation translation = translator.translate("hwc", object("{'policy':{'phases':{"
                + "'hot':{'min_age':'0ms','actions':{'set_priority':{'priority':100},'rollover':{'max_age':'7d'}}},"
                + "'warm':{'min_age':'7d','actions':{'shrink':{'number_of_shards':1},'forcemerge':{'max_num_segments':1},"
                + "'allocate':{'number_of_replicas':1,'require':{'box_type':'warm'},'include':{},'exclude':{}},"
                + "'readonly':{},'set_priority':{'priority':50}}},"
                + "'cold':{'min_age':'30d','actions':{'allocate':{'require':{'box_type':'cold'}},'freeze':{},"
                + "'set_priority':{'priority':0}}},"
                + "'delete':{'min_age':'90d','actions':{'delete':{'delete_searchable_snapshot':true}}}}}}"), List.of());

        assertThat(translation.definition().path("policy").path("states")).isEqualTo(object("{'s':["
                + "{'name':'hot','actions':[{'index_priority':{'priority':100}},{'rollover':{'min_index_age':'7d'}}],"
                + "'transitions':[{'state_name':'warm','conditions':{'min_rollover_age':'7d'}}]},"
                + "{'name':'warm','actions':[{'index_priority':{'priority':50}},{'read_only':{}},"
                + "{'replica_count':{'number_of_replicas':1}},{'allocation':{'require':{'box_type':'warm'}}},"
                + "{'force_merge':{'max_num_segments':1}}],"
                + "'transitions':[{'state_name':'cold','conditions':{'min_rollover_age':'30d'}}]},"
                + "{'name':'cold','actions':[{'index_priority':{'priority':0}},{'allocation':{'require':{'box_type':'cold'}}}],"
                + "'transitions':[{'state_name':'delete','conditions':{'min_rollover_age':'90d'}}]},"
                + "{'name':'delete','actions':[{'delete':{}}],'transitions':[]}]}").get("s"));
        assertThat(translation.untranslated()).containsExactly(
                "warm.shrink: not translated: ISM's shrink leaves the source index in place and does not manage the "
                        + "shrunken index, where ILM replaces the source with it",
                "cold.freeze: not translated: OpenSearch has no frozen indices");
        assertThat(translation.caveats()).contains(
                "warm.allocate: ISM's allocation sets the same filters but does not wait for the shards to move before "
                        + "the next action, as ILM's allocate does",
                "no template or index names this policy: it attaches to no index until one is added "
                        + "(POST _plugins/_ism/add/<index>)");
        assertThat(translation.definition().path("policy").has("ism_template")).isFalse();
    }

    @Test
    void withoutRolloverAgesCountFromCreationAndAFirstPhaseMinAgeWaitsInANewState() {
        PolicyTranslation translation = translator.translate("retention", object("{'policy':{'phases':{"
                + "'warm':{'min_age':'1d','actions':{'readonly':{}}},"
                + "'delete':{'min_age':'30d','actions':{'delete':{'delete_searchable_snapshot':true}}}}}}"), List.of());

        assertThat(translation.definition().path("policy").path("default_state").asText()).isEqualTo("new");
        assertThat(translation.definition().path("policy").path("states")).isEqualTo(object("{'s':["
                + "{'name':'new','actions':[],'transitions':[{'state_name':'warm','conditions':{'min_index_age':'1d'}}]},"
                + "{'name':'warm','actions':[{'read_only':{}}],"
                + "'transitions':[{'state_name':'delete','conditions':{'min_index_age':'30d'}}]},"
                + "{'name':'delete','actions':[{'delete':{}}],'transitions':[]}]}").get("s"));
        assertThat(translation.untranslated()).isEmpty();
    }

    @Test
    void aZeroMinAgeTransitionsAtOnce() {
        PolicyTranslation translation = translator.translate("p", object("{'policy':{'phases':{"
                + "'hot':{'min_age':'0ms','actions':{}},'delete':{'min_age':'0s','actions':{'delete':{}}}}}}"), List.of());
        assertThat(translation.definition().path("policy").path("states").get(0).path("transitions"))
                .isEqualTo(object("{'t':[{'state_name':'delete'}]}").get("t"));
    }

    @Test
    void optionsAndActionsWithoutAnIsmCounterpartAreReportedNeverDroppedSilently() {
        PolicyTranslation translation = translator.translate("p", object("{'policy':{'_meta':{'owner':'search-team'},'phases':{"
                + "'hot':{'min_age':'0ms','actions':{'rollover':{'max_age':'1d','max_primary_shard_docs':1000},"
                + "'forcemerge':{'max_num_segments':1,'index_codec':'best_compression'},'unfollow':{}}},"
                + "'cold':{'min_age':'30d','actions':{'searchable_snapshot':{'snapshot_repository':'repo'},"
                + "'allocate':{'total_shards_per_node':2,'number_of_replicas':0},'migrate':{'enabled':false}}},"
                + "'frozen':{'min_age':'60d','actions':{'searchable_snapshot':{'snapshot_repository':'repo'}}},"
                + "'delete':{'min_age':'90d','actions':{'wait_for_snapshot':{'policy':'nightly'},'delete':{}}}}}}"), List.of());

        assertThat(translation.untranslated()).containsExactly(
                "hot.unfollow: not translated: ISM has no cross-cluster replication action",
                "hot.rollover.max_primary_shard_docs: not translated: ISM's rollover has no such condition",
                "hot.forcemerge.index_codec: not translated: ISM's action has no such option",
                "cold.searchable_snapshot: not translated: OpenSearch's ISM has no searchable snapshots",
                "cold.allocate.total_shards_per_node: not translated: ISM's action has no such option",
                "cold.migrate: not translated: OpenSearch has no data tiers",
                "frozen.searchable_snapshot: not translated: OpenSearch's ISM has no searchable snapshots",
                "delete.wait_for_snapshot: not translated: ISM has no action that waits for a snapshot policy");
        assertThat(translation.definition().path("policy").path("states").get(1)).isEqualTo(object(
                "{'name':'cold','actions':[{'replica_count':{'number_of_replicas':0}}],"
                        + "'transitions':[{'state_name':'frozen','conditions':{'min_rollover_age':'60d'}}]}"));
        assertThat(translation.definition().path("policy").path("description").asText())
                .isEqualTo("Translated by Tandem from Elasticsearch ILM policy 'p'; _meta: {\"owner\":\"search-team\"}");
    }

    @Test
    void aRolloverWithNoTranslatableConditionIsNotTranslatedAtAll() {
        PolicyTranslation translation = translator.translate("p", object("{'policy':{'phases':{"
                + "'hot':{'min_age':'0ms','actions':{'rollover':{'max_primary_shard_docs':1000}}}}}}"), List.of());
        // an ISM rollover without a condition would roll over at once
        assertThat(translation.definition().path("policy").path("states").get(0).path("actions")).isEmpty();
        assertThat(translation.untranslated()).contains("hot.rollover: not translated: none of its conditions has an ISM counterpart");
    }

    @Test
    void everyAttachmentBecomesAnIsmTemplate() {
        PolicyTranslation translation = translator.translate("p", object("{'policy':{'phases':{'delete':{'min_age':'0ms',"
                + "'actions':{'delete':{}}}}}}"), List.of(new IsmTemplate(List.of("a-*", "b-*"), 3),
                new IsmTemplate(List.of("c-1"), 4)));
        assertThat(translation.definition().path("policy").path("ism_template")).isEqualTo(object("{'t':["
                + "{'index_patterns':['a-*','b-*'],'priority':3},{'index_patterns':['c-1'],'priority':4}]}").get("t"));
    }
}
