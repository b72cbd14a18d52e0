package io.tandem.ops.sync;

import static io.tandem.localstack.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.source.EngineInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanRendererTest {

    private static final EngineInfo ES7 = new EngineInfo("elasticsearch", "7.10.2", 7, 10);
    private static final EngineInfo OS2 = new EngineInfo("opensearch", "2.19.1", 2, 19);

    @Test
    void aPlanReadsSectionBySectionWithDefinitionsDifferencesAndSkippedGroupedByReason() {
        List<PlannedChange> changes = new ArrayList<>();
        changes.add(new PlannedChange(ResourceKind.INDEX, "messages-v2", "messages-v1", SyncAction.CREATE,
                object("{'settings':{'index':{'number_of_shards':'1'}},'mappings':{'dynamic':'strict','properties':{"
                        + "'message':{'type':'text','fields':{'raw':{'type':'keyword'}}},'tags':{'properties':{'k':{'type':'keyword'}}}}},"
                        + "'aliases':{'messages':{}}}"),
                List.of(), null, List.of("settings and mappings from messages-v2.json, not from the source")));
        changes.add(new PlannedChange(ResourceKind.LEGACY_TEMPLATE, "logs", "logs", SyncAction.CONFLICT, object("{}"),
                List.of(new DefinitionDifference("settings.index.number_of_shards", "2", "1", false)),
                "exists on the target with another definition (overwriting conflicts replaces it)", List.of()));
        changes.add(new PlannedChange(ResourceKind.LEGACY_TEMPLATE, "apps", "apps", SyncAction.UNCHANGED, object("{}"),
                List.of(), null, List.of("stripped: index.blocks.write")));
        IntStream.range(0, 12).forEach(i -> changes.add(PlannedChange.skipped(ResourceKind.INDEX, "other-" + i,
                "not selected by the include/exclude patterns")));
        changes.add(PlannedChange.skipped(ResourceKind.INDEX, "old", "closed index"));
        SyncPlan plan = new SyncPlan(ES7, OS2, LifecycleApi.NONE, changes, List.of("source elasticsearch 7.10.2: no lifecycle API"));

        assertThat(PlanRenderer.render(plan)).isEqualTo("""
                Schema sync plan: elasticsearch 7.10.2 (source) -> opensearch 2.19.1 (target)
                note: source elasticsearch 7.10.2: no lifecycle API

                lifecycle policies
                  (none)

                legacy templates (_template)
                  ! conflict logs: exists on the target with another definition (overwriting conflicts replaces it)
                      ~ settings.index.number_of_shards: 1 -> 2
                  = unchanged apps

                component templates (_component_template)
                  (none)

                composable index templates (_index_template)
                  (none)

                indices
                  + create messages-v2 (from messages-v1)
                      note: settings and mappings from messages-v2.json, not from the source
                      + settings.index.number_of_shards: 1
                      + mappings.dynamic: strict
                      + mappings.message: {"type":"text"}
                      + mappings.message.raw: {"type":"keyword"}
                      + mappings.tags.k: {"type":"keyword"}
                      + aliases.messages: {}
                  - skipped (not selected by the include/exclude patterns): other-0, other-1, other-2, other-3, other-4, \
                other-5, other-6, other-7, other-8, other-9 and 2 more
                  - skipped (closed index): old

                Plan: 1 to create, 0 to update, 1 unchanged, 1 conflict(s), 13 skipped.
                """);
    }

    @Test
    void whatApplyDidIsOneLineThenTheDetailsIndented() {
        PlannedChange update = new PlannedChange(ResourceKind.INDEX, "m", "m", SyncAction.UPDATE, object("{}"),
                List.of(new DefinitionDifference("mappings.b", "long", null, true)), null, List.of("stripped: index.uuid"));
        assertThat(PlanRenderer.done(update)).isEqualTo("updated index m\n    + mappings.b: long (missing on the target)\n"
                + "    note: stripped: index.uuid\n");
    }
}
