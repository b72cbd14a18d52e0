package io.tandem.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tandem.core.json.DotPath;
import io.tandem.query.KeyToValue;
import io.tandem.query.TagQueries;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces a free-form tags map with a list of key/value pairs, so that the new index can map tags with a fixed
 * number of fields instead of one dynamic field per tag key.
 *
 * <p>The map {@code {"env": "prod", "tier": 1}} at the source path becomes, at the target path,
 * <pre>{@code
 * [{"keyToValue": "env:prod", "value": "prod"}, {"keyToValue": "tier:1", "value": "1"}]
 * }</pre>
 * in the map's order. {@code keyToValue} is {@link KeyToValue#encode}{@code (key, value, separator)}, so a key or
 * value containing the separator or {@code \} stays unambiguous, while for any other key it is exactly
 * {@code key + ":" + value}, the term the application builds itself; {@code value} is the raw value. When the target
 * path differs from the source path, the source field is removed, objects on the source path that this left empty
 * are removed too (an object that still holds other fields stays, and an empty object the document had elsewhere is
 * kept), and objects missing on the target path are created. Each tag value is converted as the old dynamic mapping indexed it, so that a query that matched a
 * document before matches it after:
 * <ul>
 *   <li>a string is kept as is; a number or boolean becomes its JSON text ({@code 42}, {@code 1.5}, {@code true});</li>
 *   <li>a null value is skipped: the old mapping indexed nothing for it, so no query could match it;</li>
 *   <li>an array gives one pair per non-null element, because the old mapping matched any element; an array or
 *       object inside the array fails the document;</li>
 *   <li>an object is flattened into dotted keys ({@code {"k": {"sub": "x"}}} gives key {@code k.sub}), the name the
 *       old dynamic mapping gave the sub-field.</li>
 * </ul>
 * For the tags map itself:
 * <ul>
 *   <li>an empty map, or null, becomes an empty list;</li>
 *   <li>a missing path (a field on the way absent or null) leaves the document unchanged;</li>
 *   <li>anything else than an object at the source path, or on the way to the source or target path, fails the
 *       document with a {@link TransformException} naming the path and the JSON type found;</li>
 *   <li>a target field that already holds a non-null value fails the document rather than being overwritten.</li>
 * </ul>
 */
public final class TagsToKeyValueTransform implements DocumentTransform {

    /** Field of a pair holding {@code escape(key) + separator + value} (see {@link KeyToValue}); keyword in the target mapping. */
    public static final String KEY_TO_VALUE_FIELD = TagQueries.KEY_TO_VALUE_FIELD;
    /** Field of a pair holding the raw value; keyword in the target mapping. */
    public static final String VALUE_FIELD = TagQueries.VALUE_FIELD;

    private final DotPath source;
    private final DotPath target;
    private final String separator;

    /** Arguments are checked by {@link TagsToKeyValueTransformProvider}, which owns the option rules. */
    TagsToKeyValueTransform(DotPath source, DotPath target, String separator) {
        this.source = source;
        this.target = target;
        this.separator = separator;
    }

    @Override
    public ObjectNode apply(String id, ObjectNode document) {
        return transformInPlace(document.deepCopy());
    }

    /**
     * Copies only the objects this transform changes: the root and the objects on the way to the source and target
     * paths, each a shallow copy; everything else, the tags object included (it is only read), is shared.
     */
    @Override
    public ObjectNode applyShared(String id, ObjectNode document) {
        ObjectNode result = DotPath.shallowCopy(document);
        source.copyObjectsOnTheWay(result);
        if (!target.equals(source)) {
            target.copyObjectsOnTheWay(result);
        }
        return transformInPlace(result);
    }

    /** The tags it reads, and where their pairs go (which must hold nothing yet). */
    @Override
    public Optional<Set<DotPath>> paths() {
        return Optional.of(Set.copyOf(List.of(source, target))); // the same path when the tags stay where they are
    }

    /** Rewrites {@code result}, which must not share with another document the objects on the source and target paths. */
    private ObjectNode transformInPlace(ObjectNode result) {
        try {
            return rewrite(result);
        } catch (DotPath.NotAnObjectException notAnObject) {
            throw new TransformException(notAnObject.getMessage()); // a document not shaped as the paths need
        }
    }

    private ObjectNode rewrite(ObjectNode result) {
        Optional<JsonNode> tags = source.findInObjects(result);
        if (tags.isEmpty()) {
            return result;
        }
        ArrayNode pairs = pairs(tags.get(), result);
        if (!source.equals(target)) {
            source.remove(result);
            Optional<JsonNode> existing = target.findInObjects(result).filter(node -> !node.isNull());
            if (existing.isPresent()) {
                // overwriting would silently lose data the old index had
                throw new TransformException("target " + TransformOptions.quote(target.toString())
                        + " already holds JSON type " + TransformException.jsonType(existing.get())
                        + "; not overwriting it with the tags from " + TransformOptions.quote(source.toString()));
            }
        }
        target.set(result, pairs);
        if (!source.equals(target)) {
            // the old application never wrote an empty "actions": {}; the moved tags must not leave one behind
            source.removeEmptiedObjectsOnTheWay(result);
        }
        return result;
    }

    private ArrayNode pairs(JsonNode tags, ObjectNode document) {
        ArrayNode pairs = document.arrayNode();
        if (tags.isNull()) {
            return pairs; // like an empty map: the old mapping indexed nothing for it
        }
        if (!tags.isObject()) {
            throw new TransformException("tags at " + TransformOptions.quote(source.toString()) + " are JSON type "
                    + TransformException.jsonType(tags) + ", expected an object");
        }
        for (Tag tag : TagFlattener.flatten((ObjectNode) tags, source.toString())) {
            pairs.addObject()
                    .put(KEY_TO_VALUE_FIELD, KeyToValue.encode(tag.key(), tag.value(), separator))
                    .put(VALUE_FIELD, tag.value());
        }
        return pairs;
    }

    @Override
    public String toString() {
        return TagsToKeyValueTransformProvider.NAME + "(source=" + source + ", target=" + target
                + ", separator=" + separator + ")";
    }
}
