package io.tandem.ops.sync;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.ops.sync.FakeLifecycleCluster.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle policies through schema sync, end to end over HTTP. No local engine has ILM or ISM, so both ends are
 * {@link FakeLifecycleCluster}s replaying the request and response shapes Elastic and OpenSearch document.
 */
class LifecyclePolicySyncTest {

    private static final String LOGS_POLICY = "{'policy':{'phases':{"
            + "'hot':{'min_age':'0ms','actions':{'rollover':{'max_size':'50gb','max_age':'7d'}}},"
            + "'warm':{'min_age':'7d','actions':{'forcemerge':{'max_num_segments':1},'shrink':{'number_of_shards':1}}},"
            + "'delete':{'min_age':'30d','actions':{'delete':{'delete_searchable_snapshot':true}}}}}}";
    private static final String LOGS_TEMPLATE = "{'order':2,'index_patterns':['logs-*'],'settings':{"
            + "'index.lifecycle.name':'logs','index.lifecycle.rollover_alias':'logs','index.number_of_shards':'1'},"
            + "'mappings':{},'aliases':{}}";

    private final List<PlannedChange> done = new ArrayList<>();

    private static PlannedChange change(SyncPlan plan, ResourceKind kind, String name) {
        return plan.changes().stream().filter(c -> c.kind() == kind && c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anIlmPolicyBecomesAnIsmPolicyAttachedToItsTemplatesIndicesAndASecondApplyChangesNothing() throws Exception {
        try (FakeLifecycleCluster source = new FakeLifecycleCluster(Kind.ELASTICSEARCH_ILM);
             FakeLifecycleCluster target = new FakeLifecycleCluster(Kind.OPENSEARCH_ISM)) {
            source.putPolicy("logs", object(LOGS_POLICY));
            source.putTemplate("logs", object(LOGS_TEMPLATE));
            SchemaSync sync = new SchemaSync(source.client(), target.client());

            SyncPlan plan = sync.plan(SyncOptions.defaults());
            PlannedChange policy = change(plan, ResourceKind.LIFECYCLE_POLICY, "logs");
            assertThat(policy.action()).isEqualTo(SyncAction.CREATE);
            assertThat(policy.notes()).contains("warm.shrink: not translated: ISM's shrink leaves the source index in "
                    + "place and does not manage the shrunken index, where ILM replaces the source with it");
            ApplyReport report = sync.apply(plan, done::add);

            assertThat(report.created()).isEqualTo(2);
            assertThat(target.writes()).containsExactly("PUT /_plugins/_ism/policies/logs", "PUT /_template/logs?create=true");
            assertThat(target.policy("logs")).isEqualTo(object("{'policy':{"
                    + "'description':\"Translated by Tandem from Elasticsearch ILM policy 'logs'\",'default_state':'hot',"
                    + "'states':[{'name':'hot','actions':[{'rollover':{'min_size':'50gb','min_index_age':'7d'}}],"
                    + "'transitions':[{'state_name':'warm','conditions':{'min_rollover_age':'7d'}}]},"
                    + "{'name':'warm','actions':[{'force_merge':{'max_num_segments':1}}],"
                    + "'transitions':[{'state_name':'delete','conditions':{'min_rollover_age':'30d'}}]},"
                    + "{'name':'delete','actions':[{'delete':{}}],'transitions':[]}],"
                    + "'ism_template':[{'index_patterns':['logs-*'],'priority':2}]}}"));
            assertThat(target.template("logs").get("settings")).isEqualTo(object("{"
                    + "'index.number_of_shards':'1','index.plugins.index_state_management.rollover_alias':'logs'}"));

            SyncPlan again = sync.plan(SyncOptions.defaults());
            assertThat(again.changes()).extracting(PlannedChange::action).containsOnly(SyncAction.UNCHANGED);
            assertThat(sync.apply(again, done::add).changedTarget()).isFalse();
            assertThat(target.writes()).hasSize(2);
        }
    }

    @Test
    void aChangedPolicyIsAConflictUntilOverwritingReplacesTheRevisionItRead() throws Exception {
        try (FakeLifecycleCluster source = new FakeLifecycleCluster(Kind.ELASTICSEARCH_ILM);
             FakeLifecycleCluster target = new FakeLifecycleCluster(Kind.OPENSEARCH_ISM)) {
            source.putPolicy("logs", object(LOGS_POLICY));
            SchemaSync sync = new SchemaSync(source.client(), target.client());
            sync.apply(sync.plan(SyncOptions.defaults()), done::add);
            ObjectNode before = target.policy("logs");
            source.putPolicy("logs", object(LOGS_POLICY.replace("'30d'", "'60d'")));

            SyncPlan plan = sync.plan(SyncOptions.defaults());
            PlannedChange conflict = change(plan, ResourceKind.LIFECYCLE_POLICY, "logs");
            assertThat(conflict.action()).isEqualTo(SyncAction.CONFLICT);
            assertThat(conflict.differences()).extracting(DefinitionDifference::toString)
                    .containsExactly("~ policy.states[1].transitions[0].conditions.min_rollover_age: 30d -> 60d");
            assertThatThrownBy(() -> sync.apply(plan, done::add))
                    .hasMessage("1 conflict(s), nothing changed: lifecycle policy logs");
            assertThat(target.policy("logs")).isEqualTo(before);

            long revision = target.seqNo("logs");
            SyncPlan overwrite = sync.plan(SyncOptions.defaults().withOverwriteConflicts(true));
            assertThat(change(overwrite, ResourceKind.LIFECYCLE_POLICY, "logs").action()).isEqualTo(SyncAction.UPDATE);
            sync.apply(overwrite, done::add);
            assertThat(target.writes()).last().isEqualTo("PUT /_plugins/_ism/policies/logs?if_seq_no=" + revision + "&if_primary_term=1");
            assertThat(target.policy("logs").toString()).contains("\"min_rollover_age\":\"60d\"");
            assertThat(sync.plan(SyncOptions.defaults()).changesTarget()).isFalse();
        }
    }

    @Test
    void anIlmPolicyIsCopiedToIlmWithoutItsMetadata() throws Exception {
        try (FakeLifecycleCluster source = new FakeLifecycleCluster(Kind.ELASTICSEARCH_ILM);
             FakeLifecycleCluster target = new FakeLifecycleCluster(Kind.ELASTICSEARCH_ILM)) {
            source.putPolicy("logs", object(LOGS_POLICY));
            SchemaSync sync = new SchemaSync(source.client(), target.client());

            sync.apply(sync.plan(SyncOptions.defaults()), done::add);

            assertThat(target.writes()).containsExactly("PUT /_ilm/policy/logs");
            assertThat(target.policy("logs")).isEqualTo(object(LOGS_POLICY));
            assertThat(sync.plan(SyncOptions.defaults()).changesTarget()).isFalse();
        }
    }

    @Test
    void anIsmPolicyIsCopiedToIsmWithoutItsMetadata() throws Exception {
        String ism = "{'policy':{'description':'ingesting logs','default_state':'ingest','states':["
                + "{'name':'ingest','actions':[{'rollover':{'min_doc_count':5}}],'transitions':[{'state_name':'search'}]},"
                + "{'name':'search','actions':[],'transitions':[{'state_name':'delete','conditions':{'min_index_age':'5m'}}]},"
                + "{'name':'delete','actions':[{'delete':{}}],'transitions':[]}]}}";
        try (FakeLifecycleCluster source = new FakeLifecycleCluster(Kind.OPENSEARCH_ISM);
             FakeLifecycleCluster target = new FakeLifecycleCluster(Kind.OPENSEARCH_ISM)) {
            source.putPolicy("policy_1", object(ism));
            SchemaSync sync = new SchemaSync(source.client(), target.client());

            sync.apply(sync.plan(SyncOptions.defaults()), done::add);

            assertThat(target.policy("policy_1")).isEqualTo(object(ism.replace("'policy':{", "'policy':{'error_notification':null,")));
            assertThat(sync.plan(SyncOptions.defaults()).changesTarget()).isFalse();
        }
    }

    @Test
    void aClusterWithoutALifecycleApiIsReportedNotAFailure() throws Exception {
        try (FakeLifecycleCluster source = new FakeLifecycleCluster(Kind.ELASTICSEARCH_ILM);
             FakeLifecycleCluster target = new FakeLifecycleCluster(Kind.ELASTICSEARCH_ILM)) {
            source.putPolicy("logs", object(LOGS_POLICY));
            // an ILM source read through the ISM API: the answer of a cluster without it
            LifecyclePolicyApi.Policies policies = new LifecyclePolicyApi(source.client()).read(LifecycleApi.ISM);
            assertThat(policies.api()).isEqualTo(LifecycleApi.NONE);
            assertThat(policies.note()).isEqualTo("no lifecycle API (GET /_plugins/_ism/policies?size=100&from=0 answered HTTP 400)");
            assertThat(new LifecyclePolicyApi(target.client()).read(LifecycleApi.ILM).api()).isEqualTo(LifecycleApi.ILM);
        }
    }
}
