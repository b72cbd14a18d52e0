package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;

/**
 * Builds the actions of the one {@code POST /_aliases} request that a cutover or a rollback sends: the engine applies
 * all of them atomically, so a reader of the alias sees the old index or the new one, never neither.
 */
public final class AliasActions {

    private AliasActions() {
    }

    /**
     * Moves the read and the write alias onto {@code newIndex}: removed from every other index they point at now
     * (the old index, in the same cluster), added to the new one, the write alias as its write index. With one alias
     * for both, it is added once, as the write index. Properties such as a filter are not carried over: they were
     * written for the old mapping.
     */
    public static ArrayNode cutover(AliasState before, String newIndex, String readAlias, String writeAlias) {
        ArrayNode actions = JsonMappers.PLAIN.createArrayNode();
        for (AliasBinding binding : before.of(AliasState.names(readAlias, writeAlias)).bindings()) {
            if (!binding.index().equals(newIndex)) {
                actions.add(remove(binding));
            }
        }
        ObjectNode read = add(AliasBinding.plain(readAlias, newIndex));
        if (readAlias.equals(writeAlias)) {
            ((ObjectNode) read.get("add")).put("is_write_index", true);
            actions.add(read);
        } else {
            actions.add(read);
            ObjectNode write = add(AliasBinding.plain(writeAlias, newIndex));
            ((ObjectNode) write.get("add")).put("is_write_index", true);
            actions.add(write);
        }
        return actions;
    }

    /**
     * Puts the aliases back as {@code previous} had them: every binding of now that previous lacks (or had with other
     * properties) is removed, every binding of previous that is not there as it was is added with its properties.
     */
    public static ArrayNode restore(AliasState now, AliasState previous) {
        ArrayNode actions = JsonMappers.PLAIN.createArrayNode();
        for (AliasBinding binding : now.bindings()) {
            if (!previous.bindings().contains(binding)) {
                actions.add(remove(binding));
            }
        }
        for (AliasBinding binding : previous.bindings()) {
            if (!now.bindings().contains(binding)) {
                actions.add(add(binding));
            }
        }
        return actions;
    }

    private static ObjectNode remove(AliasBinding binding) {
        ObjectNode action = JsonMappers.PLAIN.createObjectNode();
        action.putObject("remove").put("index", binding.index()).put("alias", binding.alias());
        return action;
    }

    private static ObjectNode add(AliasBinding binding) {
        ObjectNode action = JsonMappers.PLAIN.createObjectNode();
        ObjectNode add = action.putObject("add").put("index", binding.index()).put("alias", binding.alias());
        add.setAll(binding.properties());
        return action;
    }
}
