package io.tandem.ops.sync;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DefinitionCleanerTest {

    @Test
    void anIndexLosesItsIdentityPlacementBlocksAndResizeHistoryButKeepsAnalysis() {
        // as GET /<index>?flat_settings=true answers for an index shrunk from another, blocked and pinned to nodes
        ObjectNode read = object("{'settings':{"
                + "'index.analysis.analyzer.folded.filter':['lowercase','asciifolding'],"
                + "'index.analysis.analyzer.folded.tokenizer':'standard',"
                + "'index.blocks.write':'true','index.blocks.read_only_allow_delete':'true',"
                + "'index.creation_date':'1700000000000','index.provided_name':'logs','index.uuid':'abc',"
                + "'index.version.created':'7100299','index.version.upgraded':'7100299',"
                + "'index.resize.source.name':'logs-big','index.resize.source.uuid':'def',"
                + "'index.routing.allocation.initial_recovery._id':'node-1',"
                + "'index.routing.allocation.require._name':'old-node-3',"
                + "'index.routing.allocation.include._tier_preference':'data_content',"
                + "'index.history.uuid':'ghi','index.verified_before_close':'true',"
                + "'index.number_of_shards':'2','index.number_of_replicas':'1','index.refresh_interval':'5s'},"
                + "'mappings':{'properties':{'t':{'type':'text','analyzer':'folded'}}},'aliases':{'logs-read':{}}}");

        DefinitionCleaner.Cleaned cleaned = DefinitionCleaner.clean(new SchemaResource(ResourceKind.INDEX, "logs", read));

        assertThat(cleaned.definition().get("settings")).isEqualTo(object("{"
                + "'index.analysis.analyzer.folded.filter':['lowercase','asciifolding'],"
                + "'index.analysis.analyzer.folded.tokenizer':'standard',"
                + "'index.number_of_replicas':'1','index.number_of_shards':'2','index.refresh_interval':'5s'}"));
        assertThat(cleaned.definition().get("mappings")).isEqualTo(read.get("mappings"));
        assertThat(cleaned.definition().get("aliases")).isEqualTo(read.get("aliases"));
        assertThat(cleaned.stripped()).containsExactlyInAnyOrder("index.blocks.write", "index.blocks.read_only_allow_delete",
                "index.creation_date", "index.provided_name", "index.uuid", "index.version.created",
                "index.version.upgraded", "index.resize.source.name", "index.resize.source.uuid",
                "index.routing.allocation.initial_recovery._id", "index.routing.allocation.require._name",
                "index.routing.allocation.include._tier_preference", "index.history.uuid", "index.verified_before_close");
    }

    @Test
    void templateSettingsAreCleanedWhereEachKindKeepsThem() {
        ObjectNode legacy = object("{'index_patterns':['a-*'],'settings':{'index':{'number_of_shards':'1',"
                + "'routing':{'allocation':{'require':{'box':'hot'}}}}}}");
        assertThat(DefinitionCleaner.clean(new SchemaResource(ResourceKind.LEGACY_TEMPLATE, "a", legacy)).definition())
                .isEqualTo(object("{'index_patterns':['a-*'],'settings':{'index.number_of_shards':'1'}}"));
        ObjectNode composable = object("{'index_patterns':['a-*'],'priority':5,"
                + "'template':{'settings':{'index':{'blocks':{'write':'true'},'codec':'best_compression'}}}}");
        assertThat(DefinitionCleaner.clean(new SchemaResource(ResourceKind.INDEX_TEMPLATE, "a", composable)).definition())
                .isEqualTo(object("{'index_patterns':['a-*'],'priority':5,'template':{'settings':{'index.codec':'best_compression'}}}"));
    }

    @ParameterizedTest
    @EnumSource(value = ResourceKind.class, names = {"COMPONENT_TEMPLATE", "INDEX_TEMPLATE"})
    void templatesLoseTheTimestampsElasticsearch9KeepsOnThem(ResourceKind kind) {
        // as Elasticsearch 9.5 answers GET /_component_template/a?human (the template itself, without the name)
        ObjectNode read = object("{'template':{'mappings':{'properties':{'ts':{'type':'date'}}}},'version':3,"
                + "'_meta':{'owner':'search'},'created_date_millis':1796598825001,'created_date':'2026-12-06T23:13:45.001Z',"
                + "'modified_date_millis':1796598825001,'modified_date':'2026-12-06T23:13:45.001Z'}");

        DefinitionCleaner.Cleaned cleaned = DefinitionCleaner.clean(new SchemaResource(kind, "a", read));

        assertThat(cleaned.definition()).isEqualTo(object("{'template':{'mappings':{'properties':{'ts':{'type':'date'}}}},"
                + "'version':3,'_meta':{'owner':'search'}}"));
        assertThat(cleaned.stripped()).containsExactlyInAnyOrder("created_date_millis", "modified_date_millis",
                "created_date", "modified_date");
    }

    @Test
    void anIlmPolicyLosesItsReadOnlyMetadata() {
        // the shape of GET _ilm/policy/<name>, as Elastic documents it
        ObjectNode read = object("{'version':1,'modified_date':82392349,'modified_date_string':'1970-01-01T22:53:12.349Z',"
                + "'policy':{'phases':{'warm':{'min_age':'10d','actions':{'forcemerge':{'max_num_segments':1}}},"
                + "'delete':{'min_age':'30d','actions':{'delete':{'delete_searchable_snapshot':true}}}}},"
                + "'in_use_by':{'indices':[],'data_streams':[],'composable_templates':[]}}");

        DefinitionCleaner.Cleaned cleaned = DefinitionCleaner.clean(new SchemaResource(ResourceKind.LIFECYCLE_POLICY, "p", read));

        assertThat(cleaned.definition()).isEqualTo(object("{'policy':" + read.get("policy") + "}"));
        assertThat(cleaned.stripped()).containsExactly("version", "modified_date", "modified_date_string", "in_use_by");
    }

    @Test
    void anIsmPolicyLosesItsDocumentMetadataAndReadOnlyFields() {
        // one entry of GET _plugins/_ism/policies, as OpenSearch documents it
        ObjectNode read = object("{'_id':'policy_1','_version':2,'_seq_no':10,'_primary_term':1,'policy':{"
                + "'policy_id':'policy_1','description':'ingesting logs','last_updated_time':1577990934044,"
                + "'schema_version':1,'error_notification':null,'default_state':'ingest','states':[{'name':'ingest',"
                + "'actions':[{'rollover':{'min_doc_count':5}}],'transitions':[]}],"
                + "'ism_template':[{'index_patterns':['log*'],'priority':100,'last_updated_time':1577990934044}]}}");

        DefinitionCleaner.Cleaned cleaned = DefinitionCleaner.clean(new SchemaResource(ResourceKind.LIFECYCLE_POLICY, "policy_1", read));

        assertThat(cleaned.definition()).isEqualTo(object("{'policy':{'description':'ingesting logs',"
                + "'error_notification':null,'default_state':'ingest','states':[{'name':'ingest',"
                + "'actions':[{'rollover':{'min_doc_count':5}}],'transitions':[]}],"
                + "'ism_template':[{'index_patterns':['log*'],'priority':100}]}}"));
        assertThat(cleaned.stripped()).containsExactlyInAnyOrder("_id", "_version", "_seq_no", "_primary_term",
                "policy.policy_id", "policy.last_updated_time", "policy.schema_version",
                "policy.ism_template.last_updated_time");
    }

    @Test
    void whatElasticsearch7AcceptsAndNewerEnginesRefuseIsDroppedFromIndicesAndTemplatesTypedOrNot() {
        String obsolete = "'settings':{'index.soft_deletes.enabled':'false','index.translog.retention.size':'1gb',"
                + "'index.translog.retention.age':'12h','index.number_of_shards':'1'}";
        ObjectNode index = object("{" + obsolete + ",'mappings':{'_field_names':{'enabled':false},"
                + "'properties':{'a':{'type':'keyword'}}}}");
        ObjectNode typed = object("{" + obsolete + ",'mappings':{'doc':{'_field_names':{'enabled':false},"
                + "'properties':{'a':{'type':'keyword'}}}}}");
        ObjectNode composable = object("{'index_patterns':['x-*'],'template':{" + obsolete
                + ",'mappings':{'_field_names':{'enabled':false},'properties':{'a':{'type':'keyword'}}}}}");

        DefinitionCleaner.Cleaned cleanedIndex = DefinitionCleaner.clean(
                new SchemaResource(ResourceKind.INDEX, "i", index));
        DefinitionCleaner.Cleaned cleanedTyped = DefinitionCleaner.clean(
                new SchemaResource(ResourceKind.LEGACY_TEMPLATE, "t", typed));
        DefinitionCleaner.Cleaned cleanedComposable = DefinitionCleaner.clean(
                new SchemaResource(ResourceKind.INDEX_TEMPLATE, "c", composable));

        assertThat(cleanedIndex.definition()).isEqualTo(object("{'settings':{'index.number_of_shards':'1'},"
                + "'mappings':{'properties':{'a':{'type':'keyword'}}}}"));
        assertThat(cleanedTyped.definition().path("mappings"))
                .isEqualTo(object("{'doc':{'properties':{'a':{'type':'keyword'}}}}"));
        assertThat(cleanedComposable.definition().path("template")).isEqualTo(cleanedIndex.definition());
        for (DefinitionCleaner.Cleaned cleaned : java.util.List.of(cleanedIndex, cleanedTyped, cleanedComposable)) {
            assertThat(cleaned.stripped()).containsExactlyInAnyOrder("index.soft_deletes.enabled",
                    "index.translog.retention.size", "index.translog.retention.age", "mappings._field_names.enabled");
        }
    }

    @Test
    void fieldNamesWithMoreThanTheEnabledFlagKeepsTheRest() {
        ObjectNode index = object("{'mappings':{'_field_names':{'enabled':true,'other':1},'properties':{}}}");

        DefinitionCleaner.Cleaned cleaned = DefinitionCleaner.clean(new SchemaResource(ResourceKind.INDEX, "i", index));

        assertThat(cleaned.definition().path("mappings"))
                .isEqualTo(object("{'_field_names':{'other':1},'properties':{}}"));
    }
}
