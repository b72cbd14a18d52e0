package io.tandem.ops.sync;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.schema.FlatSettings;
import io.tandem.core.schema.IndexDefinition;
import io.tandem.core.schema.MappingContract;
import io.tandem.localstack.RestFixture;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Schema sync between real engines: what apply creates is read back from the target and compared with the source,
 * independently of the planner's own comparison. Engines are shared by the test run, so each test works under its
 * own name prefix and selects it with --include.
 */
@WithEngines(value = {Engine.ELASTICSEARCH_7, Engine.ELASTICSEARCH_6, Engine.OPENSEARCH_2},
        optional = {Engine.ELASTICSEARCH_8, Engine.ELASTICSEARCH_9, Engine.OPENSEARCH_3})
class SchemaSyncIT {

    private final List<PlannedChange> applied = new ArrayList<>();

    private static void send(RestFixture cluster, String method, String path, String singleQuotedJson) {
        RestFixture.Reply reply = cluster.send(method, path, singleQuotedJson == null ? null : object(singleQuotedJson).toString());
        assertThat(reply.status()).as(method + " " + path + ": " + reply).isBetween(200, 299);
    }

    private static JsonNode get(RestFixture cluster, String path) {
        RestFixture.Reply reply = cluster.send("GET", path, null);
        assertThat(reply.status()).as("GET " + path + ": " + reply).isEqualTo(200);
        return reply.body();
    }

    private static boolean exists(RestFixture cluster, String index) {
        return cluster.send("HEAD", "/" + index, null).status() == 200;
    }

    /** An index's settings without what sync strips by design, and without the replicas it overrides. */
    private static SortedMap<String, JsonNode> copiedSettings(JsonNode settings) {
        SortedMap<String, JsonNode> kept = new TreeMap<>(FlatSettings.of(settings));
        kept.keySet().removeIf(key -> List.of("index.uuid", "index.creation_date", "index.provided_name",
                "index.number_of_replicas", "index.replication.type").contains(key)
                || key.startsWith("index.version.") || key.startsWith("index.routing.allocation."));
        return kept;
    }

    private static void assertCopied(RestFixture source, String sourceName, RestFixture target, String targetName, int replicas) {
        JsonNode from = get(source, "/" + sourceName + "?flat_settings=true").get(sourceName);
        JsonNode to = get(target, "/" + targetName + "?flat_settings=true").get(targetName);
        assertThat(copiedSettings(to.get("settings"))).as(targetName + " settings").isEqualTo(copiedSettings(from.get("settings")));
        assertThat(FlatSettings.of(to.get("settings")).get("index.number_of_replicas").asText()).isEqualTo(Integer.toString(replicas));
        JsonNode sourceMappings = from.get("mappings");
        if (sourceMappings.size() == 1 && !sourceMappings.has("properties")) {
            sourceMappings = sourceMappings.elements().next(); // a 6.x index: the one type's mapping
        }
        assertThat(to.get("mappings")).as(targetName + " mappings").isEqualTo(sourceMappings);
        assertThat(to.get("aliases")).as(targetName + " aliases").isEqualTo(from.get("aliases"));
    }

    private static ObjectNode flatTemplateSettings(JsonNode template) {
        ObjectNode copy = template.deepCopy();
        ObjectNode holder = copy.has("template") ? (ObjectNode) copy.get("template") : copy;
        if (holder.has("settings")) {
            holder.set("settings", FlatSettings.toObject(FlatSettings.of(holder.get("settings"))));
        }
        return copy;
    }

    /** A legacy, a component and a composable template using it, all under the prefix {@code p}. */
    private static void putTemplatesOfEveryKind(RestFixture cluster, String p) {
        send(cluster, "PUT", "/_template/" + p + "-legacy", "{'index_patterns':['" + p + "-leg-*'],'order':3,"
                + "'settings':{'number_of_shards':2,'refresh_interval':'5s'},'mappings':{'properties':{'a':{'type':'keyword'}}},"
                + "'aliases':{'" + p + "-leg-all':{}}}");
        send(cluster, "PUT", "/_component_template/" + p + "-comp", "{'template':{'settings':{'index':{'max_result_window':20000}},"
                + "'mappings':{'properties':{'ts':{'type':'date'}}}},'version':3,'_meta':{'owner':'search'}}");
        send(cluster, "PUT", "/_index_template/" + p + "-logs", "{'index_patterns':['" + p + "-logs-*'],'composed_of':['"
                + p + "-comp'],'priority':50,'template':{'aliases':{'" + p + "-logs':{}},'mappings':{'properties':{'m':{'type':'text'}}}}}");
    }

    /** The templates of {@link #putTemplatesOfEveryKind} as both clusters answer GET for them. */
    private static void assertTemplatesEqual(RestFixture source, RestFixture target, String p) {
        assertThat(get(target, "/_template/" + p + "-legacy?flat_settings=true"))
                .isEqualTo(get(source, "/_template/" + p + "-legacy?flat_settings=true"));
        // Elasticsearch 9 stamps the templates it stores with its own creation time: compared without it
        assertThat(withoutTimestamps(get(target, "/_component_template/" + p + "-comp").path("component_templates").get(0), "component_template"))
                .isEqualTo(withoutTimestamps(get(source, "/_component_template/" + p + "-comp").path("component_templates").get(0), "component_template"));
        assertThat(withoutTimestamps(get(target, "/_index_template/" + p + "-logs").path("index_templates").get(0), "index_template"))
                .isEqualTo(withoutTimestamps(get(source, "/_index_template/" + p + "-logs").path("index_templates").get(0), "index_template"));
    }

    /** A named template as GET answers it ({"name":..,"<field>":{..}}), with flat settings and no timestamps. */
    private static ObjectNode withoutTimestamps(JsonNode named, String field) {
        ObjectNode template = flatTemplateSettings(named.get(field));
        template.remove(List.of("created_date_millis", "modified_date_millis"));
        return template;
    }

    private static SyncOptions selecting(String prefix) {
        return SyncOptions.defaults().withReplicas(0).withFilter(new NameFilter(List.of(prefix + "-*", "." + prefix + "-*"), List.of()));
    }

    @Test
    void elasticsearch7ToOpenSearch2GivesEqualDefinitionsAndASecondApplyChangesNothing(Engines engines) throws IOException {
        String p = Engines.uniqueName("sync");
        try (RestFixture es = RestFixture.on(engines.get(Engine.ELASTICSEARCH_7));
             RestFixture os = RestFixture.on(engines.get(Engine.OPENSEARCH_2))) {
            putTemplatesOfEveryKind(es, p);
            send(es, "PUT", "/" + p + "-messages", "{'settings':{'number_of_shards':2,"
                    + "'routing':{'allocation':{'total_shards_per_node':4}},"
                    + "'analysis':{'analyzer':{'folded':{'type':'custom','tokenizer':'standard','filter':['lowercase','asciifolding']}},"
                    + "'normalizer':{'lower':{'type':'custom','filter':['lowercase']}}}},"
                    + "'mappings':{'dynamic':'strict','properties':{'body':{'type':'text','analyzer':'folded',"
                    + "'fields':{'raw':{'type':'keyword','ignore_above':256}}},'kind':{'type':'keyword','normalizer':'lower'},"
                    + "'at':{'type':'date','format':'epoch_millis'},'comments':{'type':'nested','properties':{'by':{'type':'keyword'}}}}},"
                    + "'aliases':{'" + p + "-messages-read':{},'" + p + "-messages-write':{'is_write_index':true},"
                    + "'" + p + "-messages-a':{'filter':{'term':{'kind':'a'}},'routing':'1'}}}");
            send(es, "PUT", "/" + p + "-leg-1", null);
            send(es, "PUT", "/" + p + "-logs-1", null);
            send(es, "PUT", "/" + p + "-orders-v1", "{'mappings':{'properties':{'total':{'type':'scaled_float','scaling_factor':100}}}}");
            send(es, "PUT", "/" + p + "-scratch", null);
            send(es, "PUT", "/" + p + "-hidden", "{'settings':{'index.hidden':true}}");
            send(es, "PUT", "/" + p + "-closed", null);
            send(es, "POST", "/" + p + "-closed/_close", null);
            send(es, "PUT", "/." + p + "-system", null);
            SchemaSync sync = new SchemaSync(es.client(), os.client());
            SyncOptions options = selecting(p).withFilter(new NameFilter(List.of(p + "-*", "." + p + "-*"), List.of(p + "-scratch*")))
                    .withRenames(List.of(RenameRule.parse(p + "-orders-v1=" + p + "-orders-v2")));

            SyncPlan plan = sync.plan(options);
            assertThat(plan.conflicts()).isEmpty();
            ApplyReport report = sync.apply(plan, applied::add);

            assertThat(applied).extracting(c -> c.kind() + " " + c.name()).containsExactly(
                    "LEGACY_TEMPLATE " + p + "-legacy", "COMPONENT_TEMPLATE " + p + "-comp", "INDEX_TEMPLATE " + p + "-logs",
                    "INDEX " + p + "-leg-1", "INDEX " + p + "-logs-1", "INDEX " + p + "-messages", "INDEX " + p + "-orders-v2");
            assertThat(report.created()).isEqualTo(7);
            // other tests' indices are on the same engine: only this test's count
            assertThat(plan.changes()).filteredOn(c -> c.action() == SyncAction.SKIPPED && c.kind() == ResourceKind.INDEX
                            && (c.name().startsWith(p) || c.name().startsWith("." + p)))
                    .extracting(c -> c.name() + ": " + c.reason()).containsExactlyInAnyOrder(
                            "." + p + "-system: system resource (name starts with '.')",
                            p + "-closed: closed index",
                            p + "-hidden: hidden index",
                            p + "-scratch: not selected by the include/exclude patterns");
            assertCopied(es, p + "-messages", os, p + "-messages", 0);
            assertCopied(es, p + "-leg-1", os, p + "-leg-1", 0);
            assertCopied(es, p + "-logs-1", os, p + "-logs-1", 0);
            assertCopied(es, p + "-orders-v1", os, p + "-orders-v2", 0);
            assertThat(FlatSettings.of(get(os, "/" + p + "-messages/_settings").path(p + "-messages").path("settings")))
                    .doesNotContainKey("index.routing.allocation.total_shards_per_node");
            for (String absent : List.of("-scratch", "-hidden", "-closed", "-orders-v1")) {
                assertThat(exists(os, p + absent)).as(p + absent).isFalse();
            }
            assertThat(exists(os, "." + p + "-system")).isFalse();
            assertTemplatesEqual(es, os, p);

            SyncPlan again = sync.plan(options);
            assertThat(again.changes()).filteredOn(c -> c.action() != SyncAction.SKIPPED)
                    .extracting(PlannedChange::action).hasSize(7).containsOnly(SyncAction.UNCHANGED);
            assertThat(sync.apply(again, applied::add)).hasToString(
                    "Nothing changed: the target already matches (7 unchanged, " + again.count(SyncAction.SKIPPED) + " skipped).");
        }
    }

    /**
     * From and to the newest engines. The newer Elasticsearch nodes here lack analysis-common and mapper-extras (see docs/compatibility.md), so the
     * definitions use what their server has: the standard analyzer parts, asciifolding, the core field types.
     */
    @ParameterizedTest
    @CsvSource({"ELASTICSEARCH_7, ELASTICSEARCH_8", "ELASTICSEARCH_7, ELASTICSEARCH_9", "ELASTICSEARCH_8, ELASTICSEARCH_9",
            "ELASTICSEARCH_8, OPENSEARCH_3", "OPENSEARCH_2, ELASTICSEARCH_9"})
    void templatesOfEveryKindIndicesAndAliasesReachANewerEngineEqualAndASecondApplyChangesNothing(
            Engine from, Engine to, Engines engines) throws IOException {
        String p = Engines.uniqueName("sync-es");
        try (RestFixture source = RestFixture.on(engines.get(from)); RestFixture target = RestFixture.on(engines.get(to))) {
            putTemplatesOfEveryKind(source, p);
            send(source, "PUT", "/" + p + "-messages", "{'settings':{'number_of_shards':2,"
                    + "'analysis':{'analyzer':{'folded':{'type':'custom','tokenizer':'standard','filter':['asciifolding']}}}},"
                    + "'mappings':{'dynamic':'strict','properties':{'body':{'type':'text','analyzer':'folded',"
                    + "'fields':{'raw':{'type':'keyword','ignore_above':256}}},'version':{'type':'long'},"
                    + "'at':{'type':'date','format':'epoch_millis'},'tags':{'type':'nested','properties':{'keyToValue':{'type':'keyword'}}}}},"
                    + "'aliases':{'" + p + "-messages-read':{},'" + p + "-messages-write':{'is_write_index':true},"
                    + "'" + p + "-messages-a':{'filter':{'term':{'body.raw':'a'}},'routing':'1'}}}");
            send(source, "PUT", "/" + p + "-leg-1", null);
            send(source, "PUT", "/" + p + "-logs-1", null);
            SchemaSync sync = new SchemaSync(source.client(), target.client());

            SyncPlan plan = sync.plan(selecting(p));
            assertThat(plan.conflicts()).isEmpty();
            sync.apply(plan, applied::add);

            assertThat(applied).extracting(c -> c.kind() + " " + c.name()).containsExactly(
                    "LEGACY_TEMPLATE " + p + "-legacy", "COMPONENT_TEMPLATE " + p + "-comp", "INDEX_TEMPLATE " + p + "-logs",
                    "INDEX " + p + "-leg-1", "INDEX " + p + "-logs-1", "INDEX " + p + "-messages");
            for (String index : List.of("-messages", "-leg-1", "-logs-1")) {
                assertCopied(source, p + index, target, p + index, 0);
            }
            assertTemplatesEqual(source, target, p);
            assertThat(sync.plan(selecting(p)).changesTarget()).as("a second plan").isFalse();
        }
    }

    /**
     * An index made on Elasticsearch 7 as 6.x-era advice had it ({@code _field_names} disabled, translog retention,
     * soft deletes off) is refused by Elasticsearch 8 and 9 and drawn warnings on OpenSearch 2: sync drops those
     * options, which mean nothing on an index with soft deletes, and says so in the plan.
     */
    @ParameterizedTest
    @CsvSource({"ELASTICSEARCH_8", "ELASTICSEARCH_9", "OPENSEARCH_2"})
    void optionsElasticsearch7AcceptsAndNewerEnginesRefuseAreDroppedWithANote(Engine to, Engines engines)
            throws IOException {
        String p = Engines.uniqueName("obsolete");
        try (RestFixture source = RestFixture.on(engines.get(Engine.ELASTICSEARCH_7));
             RestFixture target = RestFixture.on(engines.get(to))) {
            send(source, "PUT", "/" + p + "-old", "{'settings':{'number_of_shards':1,"
                    + "'index.soft_deletes.enabled':false,'index.translog.retention.size':'1gb'},"
                    + "'mappings':{'_field_names':{'enabled':false},"
                    + "'properties':{'a':{'type':'keyword'}}}}");
            SchemaSync sync = new SchemaSync(source.client(), target.client());

            SyncPlan plan = sync.plan(selecting(p));
            PlannedChange change = plan.changes().stream().filter(c -> c.name().equals(p + "-old")).findFirst()
                    .orElseThrow();
            assertThat(change.action()).isEqualTo(SyncAction.CREATE);
            assertThat(change.notes()).anySatisfy(note -> assertThat(note).startsWith("stripped: ")
                    .contains("index.soft_deletes.enabled", "index.translog.retention.size",
                            "mappings._field_names.enabled"));
            sync.apply(plan, applied::add);

            assertThat(applied).extracting(c -> c.kind() + " " + c.name()).containsExactly("INDEX " + p + "-old");
            JsonNode created = get(target, "/" + p + "-old").path(p + "-old");
            assertThat(created.path("mappings")).isEqualTo(object("{'properties':{'a':{'type':'keyword'}}}"));
            assertThat(sync.plan(selecting(p)).changesTarget()).as("a second plan").isFalse();
        }
    }

    @Test
    void aTypedElasticsearch6SourceBecomesTypelessOnElasticsearch7(Engines engines) throws IOException {
        String p = Engines.uniqueName("sync6");
        try (RestFixture es6 = RestFixture.on(engines.get(Engine.ELASTICSEARCH_6));
             RestFixture es7 = RestFixture.on(engines.get(Engine.ELASTICSEARCH_7))) {
            send(es6, "PUT", "/_template/" + p + "-t?include_type_name=true", "{'index_patterns':['" + p + "-t-*'],"
                    + "'settings':{'number_of_shards':1},'mappings':{'_doc':{'properties':{'k':{'type':'keyword'}}}}}");
            send(es6, "PUT", "/" + p + "-typed?include_type_name=true", "{'settings':{'number_of_shards':2,"
                    + "'analysis':{'analyzer':{'folded':{'type':'custom','tokenizer':'standard','filter':['lowercase','asciifolding']}}}},"
                    + "'mappings':{'doc':{'dynamic':'strict','properties':{'t':{'type':'text','analyzer':'folded'},"
                    + "'n':{'type':'integer'},'tags':{'properties':{'k':{'type':'keyword'}}}}}},'aliases':{'" + p + "-read':{}}}");
            SchemaSync sync = new SchemaSync(es6.client(), es7.client());

            SyncPlan plan = sync.plan(selecting(p));
            assertThat(plan.changes()).filteredOn(c -> c.action() == SyncAction.CREATE).extracting(PlannedChange::notes)
                    .allSatisfy(notes -> assertThat(notes).anyMatch(note -> note.startsWith("mapping type '")));
            sync.apply(plan, applied::add);

            assertCopied(es6, p + "-typed", es7, p + "-typed", 0);
            assertThat(get(es7, "/_template/" + p + "-t").path(p + "-t").path("mappings"))
                    .isEqualTo(object("{'properties':{'k':{'type':'keyword'}}}"));
            assertThat(sync.plan(selecting(p)).changesTarget()).isFalse();
        }
    }

    @Test
    void aConflictIsReportedAndNeverOverwrittenUnlessAskedAndAnIndexOnlyCompleted(Engines engines) throws IOException {
        String p = Engines.uniqueName("conflict");
        try (RestFixture es = RestFixture.on(engines.get(Engine.ELASTICSEARCH_7));
             RestFixture os = RestFixture.on(engines.get(Engine.OPENSEARCH_2))) {
            send(es, "PUT", "/_template/" + p + "-t", "{'index_patterns':['" + p + "-t-*'],'settings':{'number_of_shards':1}}");
            send(es, "PUT", "/" + p + "-shards", "{'settings':{'number_of_shards':2}}");
            send(es, "PUT", "/" + p + "-fill", "{'settings':{'number_of_shards':1},'mappings':{'properties':{"
                    + "'a':{'type':'keyword'},'b':{'type':'long'}}},'aliases':{'" + p + "-fill-read':{}}}");
            send(os, "PUT", "/_template/" + p + "-t", "{'index_patterns':['" + p + "-other-*'],'settings':{'number_of_shards':3}}");
            send(os, "PUT", "/" + p + "-shards", "{'settings':{'number_of_shards':1,'number_of_replicas':0}}");
            send(os, "PUT", "/" + p + "-fill", "{'settings':{'number_of_shards':1,'number_of_replicas':0},"
                    + "'mappings':{'properties':{'a':{'type':'keyword'}}}}");
            JsonNode targetTemplate = get(os, "/_template/" + p + "-t");
            SchemaSync sync = new SchemaSync(es.client(), os.client());

            SyncPlan plan = sync.plan(selecting(p));
            assertThat(plan.conflicts()).extracting(c -> c.name() + " " + c.differences()).containsExactly(
                    p + "-t [~ index_patterns: [\"" + p + "-other-*\"] -> [\"" + p + "-t-*\"], ~ settings.index.number_of_shards: 3 -> 1]",
                    p + "-fill [+ mappings.b: long (missing on the target), + aliases." + p + "-fill-read: {} (missing on the target)]",
                    p + "-shards [~ settings.index.number_of_shards: 1 -> 2]");
            assertThatThrownBy(() -> sync.apply(plan, applied::add)).hasMessageStartingWith("3 conflict(s), nothing changed");
            assertThat(get(os, "/_template/" + p + "-t")).isEqualTo(targetTemplate);
            assertThat(applied).isEmpty();

            SyncPlan overwrite = sync.plan(selecting(p).withOverwriteConflicts(true));
            assertThat(overwrite.conflicts()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo(p + "-shards");
                assertThat(c.reason()).contains("an index cannot be redefined in place");
            });
            SyncOptions withoutShards = selecting(p).withOverwriteConflicts(true)
                    .withFilter(new NameFilter(List.of(p + "-*"), List.of(p + "-shards")));
            sync.apply(sync.plan(withoutShards), applied::add);

            assertThat(applied).extracting(c -> c.action() + " " + c.name())
                    .containsExactly("UPDATE " + p + "-t", "UPDATE " + p + "-fill");
            assertThat(get(os, "/_template/" + p + "-t?flat_settings=true")).isEqualTo(get(es, "/_template/" + p + "-t?flat_settings=true"));
            assertThat(get(os, "/" + p + "-fill/_mapping").path(p + "-fill").path("mappings"))
                    .isEqualTo(get(es, "/" + p + "-fill/_mapping").path(p + "-fill").path("mappings"));
            assertThat(get(os, "/" + p + "-fill/_alias").path(p + "-fill").path("aliases").has(p + "-fill-read")).isTrue();
            assertThat(get(os, "/" + p + "-shards/_settings").path(p + "-shards").path("settings").path("index")
                    .path("number_of_shards").asText()).isEqualTo("1");
            assertThat(sync.plan(withoutShards).changesTarget()).isFalse();
        }
    }

    @Test
    void anIndexBeingTransformedIsCreatedFromItsDefinitionFileAndKeepsTheContract(Engines engines) throws IOException {
        String p = Engines.uniqueName("transformed");
        IndexDefinition contract = contract();
        try (RestFixture es = RestFixture.on(engines.get(Engine.ELASTICSEARCH_7));
             RestFixture os = RestFixture.on(engines.get(Engine.OPENSEARCH_2))) {
            send(es, "PUT", "/" + p + "-messages-v1", "{'settings':{'number_of_shards':3},'mappings':{'properties':{"
                    + "'id':{'type':'keyword'},'message':{'type':'text'},'tags':{'type':'object'}}},'aliases':{'" + p + "-messages':{}}}");
            SyncOptions options = selecting(p).withRenames(List.of(RenameRule.parse(p + "-messages-v1=" + p + "-messages-v2")))
                    .withDefinitions(Map.of(p + "-messages-v2", new TargetDefinition("contracts/messages-v2.json", contract)));
            SchemaSync sync = new SchemaSync(es.client(), os.client());

            sync.apply(sync.plan(options), applied::add);

            assertThat(new MappingContract(os.client()).check(p + "-messages", contract).matches()).isTrue();
            JsonNode settings = get(os, "/" + p + "-messages-v2/_settings").path(p + "-messages-v2").path("settings").path("index");
            assertThat(settings.path("number_of_shards").asText()).isEqualTo("1");
            assertThat(settings.path("number_of_replicas").asText()).isEqualTo("0");
            assertThat(sync.plan(options).changesTarget()).isFalse();
        }
    }

    private static IndexDefinition contract() throws IOException {
        try (InputStream in = SchemaSyncIT.class.getResourceAsStream("/contracts/messages-v2.json")) {
            return IndexDefinition.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "contracts/messages-v2.json");
        }
    }
}
