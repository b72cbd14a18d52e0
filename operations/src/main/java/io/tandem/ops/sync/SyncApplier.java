package io.tandem.ops.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import io.tandem.core.cluster.EngineCall.Reply;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.elasticsearch.client.RestClient;

/**
 * Carries out a {@link SyncPlan} on the target, in its order: lifecycle policies, legacy templates, component
 * templates, composable templates, indices. Creates with {@code create=true} where the API has it, so that a resource
 * that appeared since the plan is not overwritten. Refuses a plan with conflicts, changing nothing; stops at the first
 * refusal of the target, saying what was done before it.
 */
public final class SyncApplier {

    private final RestClient target;

    public SyncApplier(RestClient target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * Applies the plan.
     *
     * @param done receives each change once the target has taken it
     * @throws IllegalStateException when the plan has conflicts (nothing is changed), or the target refuses a request
     */
    public ApplyReport apply(SyncPlan plan, Consumer<PlannedChange> done) {
        if (!plan.conflicts().isEmpty()) {
            throw new IllegalStateException(plan.conflicts().size() + " conflict(s), nothing changed: "
                    + plan.conflicts().stream().map(c -> c.kind().singular() + " " + c.name()).collect(Collectors.joining(", ")));
        }
        int created = 0;
        int updated = 0;
        for (PlannedChange change : plan.changes()) {
            if (!change.action().changesTarget()) {
                continue;
            }
            boolean create = change.action() == SyncAction.CREATE;
            try {
                send(plan, change, create);
            } catch (IllegalStateException e) {
                throw new IllegalStateException((create ? "creating " : "updating ") + change.kind().singular() + " "
                        + change.name() + " failed (" + created + " created, " + updated + " updated before): " + e.getMessage(), e);
            }
            done.accept(change);
            if (create) {
                created++;
            } else {
                updated++;
            }
        }
        return new ApplyReport(created, updated, (int) plan.count(SyncAction.UNCHANGED), (int) plan.count(SyncAction.SKIPPED));
    }

    private void send(SyncPlan plan, PlannedChange change, boolean create) {
        String name = EngineCall.segment(change.name());
        ObjectNode body = change.definition();
        switch (change.kind()) {
            case LIFECYCLE_POLICY -> new LifecyclePolicyApi(target).put(plan.targetLifecycle(), change.name(), body, !create);
            case LEGACY_TEMPLATE -> put("/_template/" + name + (create ? "?create=true" : ""), body);
            case COMPONENT_TEMPLATE -> put("/_component_template/" + name + (create ? "?create=true" : ""), body);
            case INDEX_TEMPLATE -> put("/_index_template/" + name + (create ? "?create=true" : ""), body);
            case INDEX -> {
                if (create) {
                    put("/" + name, body);
                } else {
                    completeIndex(change.name(), body);
                }
            }
        }
    }

    /** An index lacking fields or aliases gets them: the engine merges new fields into the mapping. */
    private void completeIndex(String index, ObjectNode body) {
        put("/" + EngineCall.segment(index) + "/_mapping", body.path("mappings").isObject()
                ? (ObjectNode) body.get("mappings") : JsonNodeFactory.instance.objectNode());
        JsonNode aliases = body.path("aliases");
        if (aliases.size() > 0) {
            ObjectNode request = JsonNodeFactory.instance.objectNode();
            ArrayNode actions = request.putArray("actions");
            for (Iterator<Map.Entry<String, JsonNode>> it = aliases.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> alias = it.next();
                ObjectNode add = alias.getValue().isObject() ? ((ObjectNode) alias.getValue()).deepCopy()
                        : JsonNodeFactory.instance.objectNode();
                add.put("index", index).put("alias", alias.getKey());
                actions.addObject().set("add", add);
            }
            send("POST", "/_aliases", request);
        }
    }

    private void put(String path, ObjectNode body) {
        send("PUT", path, body);
    }

    private void send(String method, String path, ObjectNode body) {
        Reply reply = EngineCall.send(target, method, path, body);
        if (!reply.ok()) {
            throw reply.refused();
        }
    }
}
