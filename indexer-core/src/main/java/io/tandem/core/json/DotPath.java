package io.tandem.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A field path such as {@code actions.tags}: object field names joined by dots, the one way Tandem reads them, for the
 * fields of a command envelope, a transform's options, the backfill's version field and the fields of a mapping.
 * Field names that contain a dot cannot be addressed, as in Elasticsearch's own field paths.
 */
public final class DotPath {

    private static final DotPath ROOT = new DotPath(List.of());

    private final List<String> segments;

    private DotPath(List<String> segments) {
        this.segments = List.copyOf(segments);
    }

    /**
     * A path someone wrote (an option, a setting).
     *
     * @throws IllegalArgumentException for an empty path or field name, or one with leading or trailing whitespace (a
     *                                  path that can never match would silently miss every document)
     */
    public static DotPath parse(String text) {
        List<String> segments = List.of(text.split("\\.", -1));
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException(quote(text) + " has an empty field name");
            }
            if (!segment.equals(segment.strip())) {
                throw new IllegalArgumentException(quote(text) + " has a field name with leading or trailing whitespace");
            }
        }
        return new DotPath(segments);
    }

    /**
     * The path of a field an engine already holds, such as a runtime field's name: taken as it is, since the engine
     * decided what a valid name is; {@code ""} is the root.
     */
    public static DotPath ofEngineField(String name) {
        return name.isEmpty() ? ROOT : new DotPath(List.of(name.split("\\.")));
    }

    /** The field names, outermost first; none for the root. */
    public List<String> segments() {
        return segments;
    }

    /** The path of the object holding this field; the root for a top-level field, and for the root itself. */
    public DotPath parent() {
        return segments.isEmpty() ? ROOT : new DotPath(segments.subList(0, segments.size() - 1));
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** Whether {@code other} lies strictly inside this path, e.g. {@code a} is a proper prefix of {@code a.b}. */
    public boolean isProperPrefixOf(DotPath other) {
        return segments.size() < other.segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }

    /**
     * The node at this path, possibly a JSON null; empty when a field on the way is absent or holds something other
     * than an object, i.e. when the field is not there. For reading (a command envelope, a version field).
     */
    public Optional<JsonNode> find(JsonNode root) {
        JsonNode node = root;
        for (String segment : segments) {
            if (!node.isObject()) {
                return Optional.empty();
            }
            node = node.get(segment);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /**
     * The node at this path, which may be a {@code null} node; empty when a field on the way is absent or null. For
     * rewriting a document, where a field on the way that is not an object means the document is not as expected.
     *
     * @throws NotAnObjectException when a field on the way holds something other than an object
     */
    public Optional<JsonNode> findInObjects(ObjectNode root) {
        JsonNode node = root;
        for (int i = 0; i < segments.size(); i++) {
            if (node.isNull()) {
                return Optional.empty();
            }
            requireObject(node, i);
            node = node.get(segments.get(i));
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /**
     * Removes the field at this path, if it is there.
     *
     * @throws NotAnObjectException when a field on the way holds something other than an object
     */
    public void remove(ObjectNode root) {
        parent().findInObjects(root)
                .filter(JsonNode::isObject)
                .ifPresent(parent -> ((ObjectNode) parent).remove(last()));
    }

    /**
     * Removes, deepest first, each object on the way to this path's last field that holds no field any more, so a
     * field moved out leaves no empty object behind ({@code {"actions": {}}}). Call it after {@link #remove}: every
     * object on the way held the next one before, so an empty one was emptied by the removal, never by the document.
     */
    public void removeEmptiedObjectsOnTheWay(ObjectNode root) {
        for (int depth = segments.size() - 1; depth > 0; depth--) {
            Optional<JsonNode> parent = prefix(depth - 1).findInObjects(root);
            if (parent.isEmpty() || !(parent.get() instanceof ObjectNode holder)) {
                return;
            }
            JsonNode child = holder.get(segments.get(depth - 1));
            if (!(child instanceof ObjectNode object) || !object.isEmpty()) {
                return; // the objects above it hold this one, so they are not empty either
            }
            holder.remove(segments.get(depth - 1));
        }
    }

    /**
     * Sets the field at this path to {@code value}, creating absent or null objects on the way.
     *
     * @throws NotAnObjectException when a field on the way holds something other than an object
     */
    public void set(ObjectNode root, JsonNode value) {
        ObjectNode parent = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            JsonNode child = parent.get(segments.get(i));
            if (child == null || child.isNull()) {
                parent = parent.putObject(segments.get(i));
            } else {
                requireObject(child, i + 1);
                parent = (ObjectNode) child;
            }
        }
        parent.set(last(), value);
    }

    /**
     * In {@code root}, a copy of a document, replaces each object on the way to this path's last field by a shallow
     * copy, so that {@link #remove} and {@link #set} on {@code root} change no object it shares with the document.
     */
    public void copyObjectsOnTheWay(ObjectNode root) {
        ObjectNode parent = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            if (!(parent.get(segments.get(i)) instanceof ObjectNode child)) {
                return; // absent, null or not an object: set puts a new object there or fails, remove finds nothing
            }
            ObjectNode copy = shallowCopy(child);
            parent.set(segments.get(i), copy); // an existing field keeps its place
            parent = copy;
        }
    }

    /** A new object with the fields of {@code object}, in its order, sharing their values. */
    public static ObjectNode shallowCopy(ObjectNode object) {
        ObjectNode copy = object.objectNode();
        copy.setAll(object);
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DotPath path && segments.equals(path.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /** The path as written, {@code ""} for the root. */
    @Override
    public String toString() {
        return String.join(".", segments);
    }

    /**
     * A document cannot take a path: a field on the way holds something other than an object. The message says which
     * field and what it holds; callers that rewrite documents turn it into their own refusal of the document.
     */
    public static final class NotAnObjectException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotAnObjectException(String message) {
            super(message);
        }
    }

    private DotPath prefix(int depth) {
        return new DotPath(segments.subList(0, depth));
    }

    private String last() {
        return segments.get(segments.size() - 1);
    }

    /** {@code node}, found after the first {@code depth} segments, must be an object to hold the rest of the path. */
    private void requireObject(JsonNode node, int depth) {
        if (!node.isObject()) {
            throw new NotAnObjectException(quote(prefix(depth).toString()) + " is JSON type "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT) + ", so it cannot hold " + quote(toString()));
        }
    }

    /** In single quotes, with line breaks escaped so that messages stay on one line. */
    private static String quote(String text) {
        return "'" + text.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }
}
