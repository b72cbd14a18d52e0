package io.tandem.core.command;

import io.tandem.core.json.DotPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How commands are laid out in the JSON values of the command topic: the field paths of the id, the operation, the
 * version and the document (dot paths such as {@code meta.entityId}), and which operation names mean upsert and which
 * delete. Operation names match exactly, case included: the format lists every spelling the application uses.
 *
 * @param idField      the document id, a string or an integral number; when absent, null or empty the record key is used
 * @param opField      the operation name, a string
 * @param versionField the external version, an integer >= 0 (read only with {@link VersionSource#COMMAND_FIELD})
 * @param docField     the full document of an upsert, an object (ignored for a delete); it may contain the id field
 * @param upsertOps    operation names that mean upsert
 * @param deleteOps    operation names that mean delete
 */
public record CommandFormat(String idField, String opField, String versionField, String docField,
                            Set<String> upsertOps, Set<String> deleteOps) {

    /** {@code {"op":"upsert","id":"42","version":17,"doc":{...}}} and {@code {"op":"delete","id":"42","version":18}}. */
    public static final CommandFormat DEFAULT = new CommandFormat("id", "op", "version", "doc",
            Set.of("upsert", "index", "create", "update"), Set.of("delete"));

    /**
     * @throws IllegalArgumentException for an invalid field path, two roles sharing one path, an empty set of
     *                                  operation names, an empty name, or a name that is both an upsert and a delete
     */
    public CommandFormat {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("idField", idField);
        paths.put("opField", opField);
        paths.put("versionField", versionField);
        paths.put("docField", docField);
        paths.forEach(CommandFormat::requirePath);
        for (String path : paths.values()) {
            List<String> sharing = paths.keySet().stream().filter(role -> paths.get(role).equals(path)).toList();
            if (sharing.size() > 1) {
                throw new IllegalArgumentException(String.join(", ", sharing) + ": share the path '" + path
                        + "'; each field needs its own path");
            }
        }
        upsertOps = opNames("upsert", upsertOps);
        deleteOps = opNames("delete", deleteOps);
        Set<String> both = new TreeSet<>(upsertOps);
        both.retainAll(deleteOps);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("op names " + both + " cannot mean both upsert and delete");
        }
    }

    public CommandFormat withIdField(String path) {
        return new CommandFormat(path, opField, versionField, docField, upsertOps, deleteOps);
    }

    public CommandFormat withOpField(String path) {
        return new CommandFormat(idField, path, versionField, docField, upsertOps, deleteOps);
    }

    public CommandFormat withVersionField(String path) {
        return new CommandFormat(idField, opField, path, docField, upsertOps, deleteOps);
    }

    public CommandFormat withDocField(String path) {
        return new CommandFormat(idField, opField, versionField, path, upsertOps, deleteOps);
    }

    public CommandFormat withUpsertOps(Set<String> names) {
        return new CommandFormat(idField, opField, versionField, docField, names, deleteOps);
    }

    public CommandFormat withDeleteOps(Set<String> names) {
        return new CommandFormat(idField, opField, versionField, docField, upsertOps, names);
    }

    /** A field path, the message naming its component: {@code idField: field path 'a..b' has an empty field name}. */
    private static void requirePath(String component, String path) {
        Objects.requireNonNull(path, component);
        try {
            DotPath.parse(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(component + ": field path " + e.getMessage(), e);
        }
    }

    private static Set<String> opNames(String kind, Set<String> names) {
        Objects.requireNonNull(names, kind + "Ops");
        Set<String> copy = Set.copyOf(names);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("at least one " + kind + " op name is needed");
        }
        if (copy.contains("")) {
            throw new IllegalArgumentException(kind + " op names cannot be empty");
        }
        return copy;
    }
}
