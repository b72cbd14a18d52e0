package io.tandem.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * A field path such as {@code actions.tags}: object field names joined by dots. Field names that contain a dot
 * cannot be addressed, as in Elasticsearch's own field paths.
 */
final class DotPath {

    private final List<String> segments;

    private DotPath(List<String> segments) {
        this.segments = segments;
    }

    /**
     * @throws IllegalArgumentException for an empty segment, or one with leading or trailing whitespace (a path that
     *                                  can never match would silently leave every document unchanged)
     */
    static DotPath parse(String text) {
        List<String> segments = List.of(text.split("\\.", -1));
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException(TransformOptions.quote(text) + " has an empty field name");
            }
            if (!segment.equals(segment.strip())) {
                throw new IllegalArgumentException(TransformOptions.quote(text)
                        + " has a field name with leading or trailing whitespace");
            }
        }
        return new DotPath(segments);
    }

    /** Whether {@code other} lies strictly inside this path, e.g. {@code a} is a proper prefix of {@code a.b}. */
    boolean isProperPrefixOf(DotPath other) {
        return segments.size() < other.segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }

    /**
     * The node at this path, which may be a {@code null} node; empty when a field on the way is absent or null.
     *
     * @throws TransformException when a field on the way holds something other than an object
     */
    Optional<JsonNode> find(ObjectNode root) {
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

    /** Removes the field at this path, if it is there. */
    void remove(ObjectNode root) {
        find(root, segments.size() - 1)
                .filter(JsonNode::isObject)
                .ifPresent(parent -> ((ObjectNode) parent).remove(last()));
    }

    /**
     * Removes, deepest first, each object on the way to this path's last field that holds no field any more, so a
     * field moved out leaves no empty object behind ({@code {"actions": {}}}). Call it after {@link #remove}: every
     * object on the way held the next one before, so an empty one was emptied by the removal, never by the document.
     */
    void removeEmptiedObjectsOnTheWay(ObjectNode root) {
        for (int depth = segments.size() - 1; depth > 0; depth--) {
            Optional<JsonNode> parent = find(root, depth - 1);
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
     * @throws TransformException when a field on the way holds something other than an object
     */
    void set(ObjectNode root, JsonNode value) {
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
    void copyObjectsOnTheWay(ObjectNode root) {
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
    static ObjectNode shallowCopy(ObjectNode object) {
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

    @Override
    public String toString() {
        return String.join(".", segments);
    }

    private Optional<JsonNode> find(ObjectNode root, int depth) {
        return new DotPath(segments.subList(0, depth)).find(root);
    }

    private String last() {
        return segments.get(segments.size() - 1);
    }

    /** {@code node}, found after the first {@code depth} segments, must be an object to hold the rest of the path. */
    private void requireObject(JsonNode node, int depth) {
        if (!node.isObject()) {
            throw new TransformException(TransformOptions.quote(String.join(".", segments.subList(0, depth)))
                    + " is JSON type " + TransformException.jsonType(node) + ", so it cannot hold " + TransformOptions.quote(toString()));
        }
    }
}
