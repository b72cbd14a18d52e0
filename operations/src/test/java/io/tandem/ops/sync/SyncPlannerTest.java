package io.tandem.ops.sync;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.schema.IndexDefinition;
import io.tandem.ops.sync.ClusterSchema.IndexStatus;
import io.tandem.core.source.EngineInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The decisions of a plan, on clusters given as {@link SchemaReader} would read them. */
class SyncPlannerTest {

    private static final EngineInfo ES7 = new EngineInfo("elasticsearch", "7.10.2", 7, 10);
    private static final EngineInfo ES6 = new EngineInfo("elasticsearch", "6.8.9", 6, 8);
    private static final EngineInfo OS2 = new EngineInfo("opensearch", "2.19.1", 2, 19);
    private static final String MESSAGES = "{'settings':{'index.number_of_shards':'3','index.number_of_replicas':'1',"
            + "'index.uuid':'u1','index.creation_date':'1','index.provided_name':'messages-v1','index.version.created':'7100299'},"
            + "'mappings':{'properties':{'id':{'type':'keyword'},'tags':{'type':'object'}}},'aliases':{'messages':{}}}";

    private final SyncPlanner planner = new SyncPlanner();

    /** A cluster: every index resource is listed open unless listed otherwise. */
    private static final class Cluster {
        private final EngineInfo engine;
        private final LifecycleApi lifecycle;
        private final TreeMap<String, IndexStatus> indices = new TreeMap<>();
        private final List<SchemaResource> resources = new ArrayList<>();
        private final TreeMap<String, List<String>> aliases = new TreeMap<>();

        Cluster(EngineInfo engine, LifecycleApi lifecycle) {
            this.engine = engine;
            this.lifecycle = lifecycle;
        }

        Cluster with(ResourceKind kind, String name, String json) {
            resources.add(new SchemaResource(kind, name, object(json)));
            if (kind == ResourceKind.INDEX) {
                indices.put(name, IndexStatus.OPEN);
            }
            return this;
        }

        Cluster listed(String name, IndexStatus status) {
            indices.put(name, status);
            return this;
        }

        Cluster alias(String alias, String index) {
            aliases.put(alias, List.of(index));
            return this;
        }

        ClusterSchema schema() {
            return new ClusterSchema(engine, lifecycle, indices, aliases, resources, List.of());
        }
    }

    private static Cluster es7() {
        return new Cluster(ES7, LifecycleApi.NONE);
    }

    private static Cluster os2() {
        return new Cluster(OS2, LifecycleApi.NONE);
    }

    private static PlannedChange change(SyncPlan plan, ResourceKind kind, String name) {
        return plan.changes().stream().filter(c -> c.kind() == kind && c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void systemClosedHiddenAndUnselectedIndicesAreSkippedEachWithItsReason() {
        ClusterSchema source = es7().with(ResourceKind.INDEX, "messages-v1", MESSAGES)
                .with(ResourceKind.INDEX, "secret", "{'settings':{'index.hidden':'true'},'mappings':{},'aliases':{}}")
                .with(ResourceKind.INDEX, "scratch", MESSAGES)
                .listed(".kibana_1", IndexStatus.OPEN).listed("old", IndexStatus.CLOSED).schema();

        SyncPlan plan = planner.plan(source, os2().schema(),
                SyncOptions.defaults().withFilter(new NameFilter(List.of(), List.of("scr*"))));

        assertThat(plan.changes()).extracting(c -> c.name() + " " + c.action() + " " + c.reason()).containsExactly(
                ".kibana_1 SKIPPED system resource (name starts with '.')",
                "messages-v1 CREATE null",
                "old SKIPPED closed index",
                "scratch SKIPPED not selected by the include/exclude patterns",
                "secret SKIPPED hidden index");
    }

    @Test
    void anIndexIsCreatedWithItsCleanedDefinitionTheGivenReplicasAndItsAliases() {
        SyncPlan plan = planner.plan(es7().with(ResourceKind.INDEX, "messages-v1", MESSAGES).schema(), os2().schema(),
                SyncOptions.defaults().withReplicas(0));

        PlannedChange index = change(plan, ResourceKind.INDEX, "messages-v1");
        assertThat(index.action()).isEqualTo(SyncAction.CREATE);
        assertThat(index.definition()).isEqualTo(object("{'settings':{'index.number_of_replicas':'0','index.number_of_shards':'3'},"
                + "'mappings':{'properties':{'id':{'type':'keyword'},'tags':{'type':'object'}}},'aliases':{'messages':{}}}"));
        assertThat(index.notes()).containsExactly(
                "stripped: index.creation_date, index.provided_name, index.uuid, index.version.created");

        SyncPlan withoutAliases = planner.plan(es7().with(ResourceKind.INDEX, "messages-v1", MESSAGES).schema(), os2().schema(),
                SyncOptions.defaults().withAliases(false));
        assertThat(change(withoutAliases, ResourceKind.INDEX, "messages-v1").definition().get("aliases")).isEmpty();
    }

    @Test
    void aRenamedIndexBeingTransformedTakesItsDefinitionFileAndTheSourceShards() {
        IndexDefinition contract = IndexDefinition.parse(("{'settings':{'index':{'number_of_replicas':1,'analysis':{"
                + "'analyzer':{'t':{'type':'custom','tokenizer':'standard'}}}}},'mappings':{'dynamic':'strict',"
                + "'properties':{'tags':{'properties':{'keyToValue':{'type':'keyword'}}}}}}").replace('\'', '"'), "test");
        SyncOptions options = SyncOptions.defaults().withReplicas(2)
                .withRenames(List.of(RenameRule.parse("messages-v1=messages-v2")))
                .withDefinitions(Map.of("messages-v2", new TargetDefinition("contracts/messages-v2.json", contract)));

        SyncPlan plan = planner.plan(es7().with(ResourceKind.INDEX, "messages-v1", MESSAGES).schema(), os2().schema(), options);

        PlannedChange index = change(plan, ResourceKind.INDEX, "messages-v2");
        assertThat(index.sourceName()).isEqualTo("messages-v1");
        assertThat(index.definition()).isEqualTo(object("{'settings':{'index.analysis.analyzer.t.tokenizer':'standard',"
                + "'index.analysis.analyzer.t.type':'custom','index.number_of_replicas':'2','index.number_of_shards':'3'},"
                + "'mappings':" + contract.mappings() + ",'aliases':{'messages':{}}}"));
        assertThat(index.notes()).containsExactly("settings and mappings from contracts/messages-v2.json, not from the source");
    }

    @Test
    void whatTheTargetHoldsSpelledItsOwnWayIsUnchanged() {
        // as OpenSearch answers for the index created from the plan: nested settings, its own defaults, and the
        // replicas an operator lowered for the bulk load
        ClusterSchema target = os2().with(ResourceKind.INDEX, "messages-v1", "{'settings':{'index':{'number_of_shards':'3',"
                + "'number_of_replicas':'0','replication':{'type':'DOCUMENT'},'uuid':'other','creation_date':'2',"
                + "'provided_name':'messages-v1','version':{'created':'136407927'},'refresh_interval':'-1'}},"
                + "'mappings':{'properties':{'id':{'type':'keyword','index':true},'tags':{'type':'object'}}},"
                + "'aliases':{'messages':{},'messages-cutover':{}}}").schema();

        SyncPlan plan = planner.plan(es7().with(ResourceKind.INDEX, "messages-v1", MESSAGES).schema(), target, SyncOptions.defaults());

        assertThat(change(plan, ResourceKind.INDEX, "messages-v1").action()).isEqualTo(SyncAction.UNCHANGED);
        assertThat(plan.changesTarget()).isFalse();
    }

    @Test
    void fieldsDynamicMappingAddedToTheTargetIndexWhereTheDefinitionAllowsAreNoChange() {
        // documents written to the target added tags.k (tags inherits dynamic:true); a field under a strict level
        // would still be a conflict
        ClusterSchema target = os2().with(ResourceKind.INDEX, "messages-v1", "{'settings':{'index.number_of_shards':'3'},"
                + "'mappings':{'properties':{'id':{'type':'keyword'},'tags':{'properties':{'k':{'type':'keyword'}}}}},"
                + "'aliases':{'messages':{}}}").schema();

        SyncPlan plan = planner.plan(es7().with(ResourceKind.INDEX, "messages-v1", MESSAGES).schema(), target, SyncOptions.defaults());

        assertThat(change(plan, ResourceKind.INDEX, "messages-v1").action()).isEqualTo(SyncAction.UNCHANGED);
    }

    @Test
    void aDifferentTemplateIsAConflictUnlessOverwritingIsAskedFor() {
        ClusterSchema source = es7().with(ResourceKind.LEGACY_TEMPLATE, "logs",
                "{'order':1,'index_patterns':['logs-*'],'settings':{'index.number_of_shards':'2'},'mappings':{},'aliases':{}}").schema();
        ClusterSchema target = os2().with(ResourceKind.LEGACY_TEMPLATE, "logs",
                "{'order':1,'index_patterns':['logs-*','app-*'],'settings':{'index':{'number_of_shards':'1'}},'mappings':{},'aliases':{}}").schema();

        PlannedChange conflict = change(planner.plan(source, target, SyncOptions.defaults()), ResourceKind.LEGACY_TEMPLATE, "logs");
        assertThat(conflict.action()).isEqualTo(SyncAction.CONFLICT);
        assertThat(conflict.reason()).isEqualTo("exists on the target with another definition (overwriting conflicts replaces it)");
        assertThat(conflict.differences()).extracting(DefinitionDifference::toString).containsExactly(
                "~ index_patterns: [\"logs-*\",\"app-*\"] -> [\"logs-*\"]",
                "~ settings.index.number_of_shards: 1 -> 2");

        PlannedChange update = change(planner.plan(source, target, SyncOptions.defaults().withOverwriteConflicts(true)),
                ResourceKind.LEGACY_TEMPLATE, "logs");
        assertThat(update.action()).isEqualTo(SyncAction.UPDATE);
    }

    @Test
    void anIndexLackingFieldsOrAliasesCanBeCompletedButOtherwiseNeverOverwritten() {
        ClusterSchema source = es7().with(ResourceKind.INDEX, "messages-v1", MESSAGES).schema();
        ClusterSchema lacking = os2().with(ResourceKind.INDEX, "messages-v1", "{'settings':{'index.number_of_shards':'3'},"
                + "'mappings':{'properties':{'id':{'type':'keyword'}}},'aliases':{}}").schema();

        PlannedChange conflict = change(planner.plan(source, lacking, SyncOptions.defaults()), ResourceKind.INDEX, "messages-v1");
        assertThat(conflict.action()).isEqualTo(SyncAction.CONFLICT);
        assertThat(conflict.differences()).extracting(DefinitionDifference::toString).containsExactly(
                "+ mappings.tags: object (missing on the target)", "+ aliases.messages: {} (missing on the target)");
        assertThat(change(planner.plan(source, lacking, SyncOptions.defaults().withOverwriteConflicts(true)),
                ResourceKind.INDEX, "messages-v1").action()).isEqualTo(SyncAction.UPDATE);

        ClusterSchema different = os2().with(ResourceKind.INDEX, "messages-v1", "{'settings':{'index.number_of_shards':'1'},"
                + "'mappings':{'properties':{'id':{'type':'text'},'tags':{'type':'object'}}},'aliases':{'messages':{}}}").schema();
        PlannedChange kept = change(planner.plan(source, different, SyncOptions.defaults().withOverwriteConflicts(true)),
                ResourceKind.INDEX, "messages-v1");
        assertThat(kept.action()).isEqualTo(SyncAction.CONFLICT);
        assertThat(kept.reason()).contains("an index cannot be redefined in place");
        assertThat(kept.differences()).extracting(DefinitionDifference::toString).containsExactly(
                "~ settings.index.number_of_shards: 1 -> 3", "~ mappings.id.type: text -> keyword");

        ClusterSchema closed = os2().listed("messages-v1", IndexStatus.CLOSED).schema();
        assertThat(change(planner.plan(source, closed, SyncOptions.defaults()), ResourceKind.INDEX, "messages-v1").reason())
                .isEqualTo("exists on the target as a closed index");
        ClusterSchema aliasTaken = os2().alias("messages-v1", "messages-v2").schema();
        assertThat(change(planner.plan(source, aliasTaken, SyncOptions.defaults()), ResourceKind.INDEX, "messages-v1").reason())
                .isEqualTo("the name is an alias on the target (of messages-v2)");
    }

    @Test
    void optionsThatMatchNothingOrCollideAreRefused() {
        ClusterSchema source = es7().with(ResourceKind.INDEX, "a", MESSAGES).with(ResourceKind.INDEX, "b", MESSAGES).schema();
        assertThatThrownBy(() -> planner.plan(source, os2().schema(),
                SyncOptions.defaults().withRenames(List.of(RenameRule.parse("c=d")))))
                .hasMessage("rename c=d: no selected source index matches c");
        assertThatThrownBy(() -> planner.plan(source, os2().schema(),
                SyncOptions.defaults().withRenames(List.of(RenameRule.parse("a=b")))))
                .hasMessage("rename: source indices a and b would both become b");
        assertThatThrownBy(() -> planner.plan(source, os2().schema(), SyncOptions.defaults().withDefinitions(
                Map.of("z", new TargetDefinition("z.json", IndexDefinition.parse("{\"mappings\":{}}", "z"))))))
                .hasMessage("definition z: no selected source index is named, or renamed to, z");
        assertThatThrownBy(() -> planner.plan(source, new Cluster(ES6, LifecycleApi.NONE).schema(), SyncOptions.defaults()))
                .hasMessageContaining("the target must be Elasticsearch 7+ or OpenSearch");
    }

    @Test
    void a6xSourceLosesItsMappingTypes() {
        ClusterSchema source = new Cluster(ES6, LifecycleApi.NONE)
                .with(ResourceKind.INDEX, "typed", "{'settings':{'index.number_of_shards':'5'},"
                        + "'mappings':{'doc':{'_all':{'enabled':false},'properties':{'t':{'type':'text'}}}},'aliases':{}}")
                .with(ResourceKind.INDEX, "multi", "{'settings':{},'mappings':{'a':{},'b':{}},'aliases':{}}")
                .with(ResourceKind.LEGACY_TEMPLATE, "t", "{'order':0,'index_patterns':['t-*'],'settings':{},"
                        + "'mappings':{'_default_':{},'_doc':{'properties':{'k':{'type':'keyword'}}}},'aliases':{}}").schema();

        SyncPlan plan = planner.plan(source, es7().schema(), SyncOptions.defaults());

        PlannedChange typed = change(plan, ResourceKind.INDEX, "typed");
        assertThat(typed.definition().get("mappings")).isEqualTo(object("{'properties':{'t':{'type':'text'}}}"));
        assertThat(typed.notes()).contains("mapping type 'doc' removed", "_all dropped from the mapping (7.x has no _all field; use copy_to)");
        assertThat(change(plan, ResourceKind.INDEX, "multi").reason())
                .isEqualTo("mapping types [a, b]: several types cannot become one typeless mapping");
        PlannedChange template = change(plan, ResourceKind.LEGACY_TEMPLATE, "t");
        assertThat(template.definition().get("mappings")).isEqualTo(object("{'properties':{'k':{'type':'keyword'}}}"));
        assertThat(template.notes()).contains("mapping _default_ dropped (types are gone in 7.x)", "mapping type '_doc' removed");
    }

    @Test
    void anIlmPolicyIsTranslatedForAnIsmTargetAndAttachedWhereTheSourceAttachedIt() {
        String policy = "{'version':3,'modified_date':1,'policy':{'phases':{'hot':{'min_age':'0ms','actions':{"
                + "'rollover':{'max_size':'10gb'}}},'delete':{'min_age':'30d','actions':{'delete':{}}}}},'in_use_by':{}}";
        ClusterSchema source = new Cluster(new EngineInfo("elasticsearch", "7.17.0", 7, 17), LifecycleApi.ILM)
                .with(ResourceKind.LIFECYCLE_POLICY, "logs", policy)
                .with(ResourceKind.LIFECYCLE_POLICY, "builtin", "{'policy':{'_meta':{'managed':true},'phases':{}}}")
                .with(ResourceKind.LEGACY_TEMPLATE, "logs", "{'order':5,'index_patterns':['logs-*'],'settings':{"
                        + "'index.lifecycle.name':'logs','index.lifecycle.rollover_alias':'logs'},'mappings':{},'aliases':{}}")
                .with(ResourceKind.COMPONENT_TEMPLATE, "lifecycle", "{'template':{'settings':{'index':{'lifecycle':{'name':'logs'}}}}}")
                .with(ResourceKind.INDEX_TEMPLATE, "metrics", "{'index_patterns':['metrics-*'],'composed_of':['lifecycle'],'priority':7}")
                .with(ResourceKind.INDEX, "audit-1", "{'settings':{'index.lifecycle.name':'logs','index.number_of_shards':'1'},"
                        + "'mappings':{},'aliases':{}}").schema();
        ClusterSchema target = new Cluster(OS2, LifecycleApi.ISM).schema();

        SyncPlan plan = planner.plan(source, target, SyncOptions.defaults().withRenames(List.of(RenameRule.parse("audit-1=audit-2"))));

        PlannedChange translated = change(plan, ResourceKind.LIFECYCLE_POLICY, "logs");
        assertThat(translated.action()).isEqualTo(SyncAction.CREATE);
        assertThat(translated.definition().path("policy").path("ism_template")).isEqualTo(object("{'t':["
                + "{'index_patterns':['logs-*'],'priority':5},{'index_patterns':['metrics-*'],'priority':7},"
                + "{'index_patterns':['audit-2'],'priority':8}]}").get("t"));
        assertThat(translated.notes()).contains("stripped: version, modified_date, in_use_by", "translated from ILM to ISM");
        assertThat(change(plan, ResourceKind.LIFECYCLE_POLICY, "builtin").reason()).isEqualTo("managed by the engine (_meta.managed)");
        PlannedChange template = change(plan, ResourceKind.LEGACY_TEMPLATE, "logs");
        assertThat(template.definition().get("settings")).isEqualTo(object(
                "{'index.plugins.index_state_management.rollover_alias':'logs'}"));
        assertThat(change(plan, ResourceKind.INDEX, "audit-2").definition().path("settings").has("index.lifecycle.name")).isFalse();
    }

    @Test
    void withoutALifecycleApiOnTheTargetPoliciesAreSkippedAndLifecycleSettingsDropped() {
        ClusterSchema source = new Cluster(new EngineInfo("elasticsearch", "7.17.0", 7, 17), LifecycleApi.ILM)
                .with(ResourceKind.LIFECYCLE_POLICY, "logs", "{'policy':{'phases':{}}}")
                .with(ResourceKind.INDEX, "logs-1", "{'settings':{'index.lifecycle.name':'logs'},'mappings':{},'aliases':{}}").schema();

        SyncPlan plan = planner.plan(source, os2().schema(), SyncOptions.defaults());

        assertThat(change(plan, ResourceKind.LIFECYCLE_POLICY, "logs").reason()).isEqualTo("the target has no lifecycle API");
        PlannedChange index = change(plan, ResourceKind.INDEX, "logs-1");
        assertThat(index.definition().path("settings").has("index.lifecycle.name")).isFalse();
        assertThat(index.notes()).contains("index.lifecycle.name dropped: the target has no lifecycle API");
    }

    @Test
    void anIsmPolicyIsCopiedToIsmAndComparedWithoutWhatIsmAddsOnItsOwn() {
        String read = "{'_id':'p','_seq_no':4,'_primary_term':1,'policy':{'policy_id':'p','description':'d',"
                + "'last_updated_time':1,'schema_version':17,'error_notification':null,'default_state':'hot','states':[{"
                + "'name':'hot','actions':[{'retry':{'count':3,'backoff':'exponential','delay':'1m'},"
                + "'rollover':{'min_doc_count':5,'copy_alias':false}}],'transitions':[]}],"
                + "'ism_template':[{'index_patterns':['a-*'],'priority':0,'last_updated_time':1}]}}";
        String sent = "{'_id':'p','_seq_no':9,'_primary_term':2,'policy':{'policy_id':'p','description':'d',"
                + "'last_updated_time':5,'schema_version':21,'default_state':'hot','states':[{'name':'hot',"
                + "'actions':[{'rollover':{'min_doc_count':5}}],'transitions':[]}],"
                + "'ism_template':{'index_patterns':['a-*'],'priority':0}}}";
        ClusterSchema source = new Cluster(OS2, LifecycleApi.ISM).with(ResourceKind.LIFECYCLE_POLICY, "p", sent).schema();
        ClusterSchema target = new Cluster(OS2, LifecycleApi.ISM).with(ResourceKind.LIFECYCLE_POLICY, "p", read).schema();

        assertThat(change(planner.plan(source, target, SyncOptions.defaults()), ResourceKind.LIFECYCLE_POLICY, "p").action())
                .isEqualTo(SyncAction.UNCHANGED);
        ClusterSchema toIlm = new Cluster(ES7, LifecycleApi.ILM).schema();
        assertThat(change(planner.plan(source, toIlm, SyncOptions.defaults()), ResourceKind.LIFECYCLE_POLICY, "p").reason())
                .isEqualTo("ISM policies are not translated to ILM");
    }

    @Test
    void thePlanRunsInApplyOrder() {
        ClusterSchema source = new Cluster(new EngineInfo("elasticsearch", "7.17.0", 7, 17), LifecycleApi.ILM)
                .with(ResourceKind.INDEX, "a", MESSAGES)
                .with(ResourceKind.INDEX_TEMPLATE, "c", "{'index_patterns':['c-*']}")
                .with(ResourceKind.COMPONENT_TEMPLATE, "c", "{'template':{}}")
                .with(ResourceKind.LEGACY_TEMPLATE, "l", "{'index_patterns':['l-*']}")
                .with(ResourceKind.LIFECYCLE_POLICY, "p", "{'policy':{'phases':{}}}").schema();

        SyncPlan plan = planner.plan(source, new Cluster(ES7, LifecycleApi.ILM).schema(), SyncOptions.defaults());

        assertThat(plan.changes()).extracting(PlannedChange::kind).containsExactly(ResourceKind.LIFECYCLE_POLICY,
                ResourceKind.LEGACY_TEMPLATE, ResourceKind.COMPONENT_TEMPLATE, ResourceKind.INDEX_TEMPLATE, ResourceKind.INDEX);
        ObjectNode ilm = change(plan, ResourceKind.LIFECYCLE_POLICY, "p").definition();
        assertThat(ilm).isEqualTo(object("{'policy':{'phases':{}}}"));
    }
}
