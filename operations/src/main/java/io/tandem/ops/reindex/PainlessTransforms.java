package io.tandem.ops.reindex;

import io.tandem.core.json.DotPath;
import io.tandem.core.transform.TagsToKeyValueTransform;
import io.tandem.core.transform.TagsToKeyValueTransformProvider;
import io.tandem.core.transform.Transforms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Painless scripts that do, inside the engine's {@code _reindex}, what a Java transform does in the backfill: remote
 * reindex runs on the new cluster and can run no Java of ours.
 *
 * <p>{@link #tagsToKeyValue} mirrors {@link TagsToKeyValueTransform} rule for rule (JSON text of numbers and
 * booleans, nulls skipped, one pair per array element in array order, nested objects flattened to dotted keys,
 * escaping of {@code \} and the separator in the key of {@code keyToValue}, the value verbatim, empty or null map
 * to {@code []}, missing path unchanged, source removed with the objects on its path it left empty and missing
 * objects created when the target differs, the same failure reasons). What it
 * cannot mirror:
 * <ul>
 *   <li><b>Map order.</b> The engine hands the script {@code ctx._source} as an unordered map (seen on OpenSearch
 *       2.19 reading from Elasticsearch 7.10), so the order of the old document is gone. The script therefore emits
 *       the pairs with the keys sorted ({@code String} order) at every level, which is reproducible; the Java
 *       transform keeps the map's order. Same pairs, and for a document whose tag maps are sorted the same list:
 *       what the integration test proves. A term query on the pairs does not see the order.</li>
 *   <li><b>A document the Java transform rejects stops the whole reindex.</b> Painless has no dead-letter topic: the
 *       script throws, with the reason the Java transform gives, and the reindex ends with a
 *       {@code script_exception} after the batches already written. Skipping the document instead
 *       ({@code ctx.op = 'noop'}) would drop it without a trace.</li>
 *   <li><b>Number text is the engine JVM's.</b> A number becomes {@code toString()} of the value the engine parsed:
 *       {@code Integer}, {@code Long}, {@code BigInteger} or {@code Double}, as Jackson parses it on the Java side,
 *       so both give {@code 42}, {@code 1.5}, {@code 1.0E8}. Only the shortest-digits fix of
 *       {@code Double.toString} in Java 19 (JDK-4511638) can make a rare double print differently when the engine
 *       and the backfill run on Java versions on either side of it.</li>
 * </ul>
 */
public final class PainlessTransforms {

    /** The statements of the script; the {@code $NAME} tokens are replaced by Painless literals. */
    private static final String TAGS_TO_KEY_VALUE = """
            // Tandem tags-to-key-value, the Painless mirror of TagsToKeyValueTransform
            String escapeTag(String text, String sep) {
              return text.replace("\\\\", "\\\\\\\\").replace(sep, "\\\\" + sep);
            }
            String jsonType(def v) {
              if (v == null) { return "null"; }
              if (v instanceof Map) { return "object"; }
              if (v instanceof List) { return "array"; }
              if (v instanceof String) { return "string"; }
              if (v instanceof Number) { return "number"; }
              if (v instanceof Boolean) { return "boolean"; }
              return v.getClass().getName();
            }
            // the engine hands the script an unordered map: sorting is the only order it can reproduce
            List sortedKeys(Map map) {
              List keys = new ArrayList(map.keySet());
              Collections.sort(keys);
              return keys;
            }
            boolean isScalar(def v) {
              return v instanceof String || v instanceof Number || v instanceof Boolean;
            }
            void addPair(List out, String key, String value, String sep) {
              Map pair = new LinkedHashMap();
              pair.put("keyToValue", escapeTag(key, sep) + sep + value);
              pair.put("value", value);
              out.add(pair);
            }
            void addValue(List out, String key, def value, String path, String sep) {
              if (value == null) {
                return;
              }
              if (value instanceof Map) {
                for (def name : sortedKeys(value)) {
                  addValue(out, key + "." + name, value.get(name), path + "." + name, sep);
                }
              } else if (value instanceof List) {
                for (int i = 0; i < value.size(); i++) {
                  def element = value.get(i);
                  if (element == null) {
                    continue;
                  }
                  if (!isScalar(element)) {
                    throw new IllegalArgumentException("'" + path + "[" + i + "]' is JSON type " + jsonType(element)
                        + " inside a tag array; only strings, numbers, booleans and nulls can be tag values");
                  }
                  addPair(out, key, element.toString(), sep);
                }
              } else if (isScalar(value)) {
                addPair(out, key, value.toString(), sep);
              } else {
                throw new IllegalArgumentException("'" + path + "' is JSON type " + jsonType(value)
                    + ", which has no tag value");
              }
            }
            // [] when a field on the way is absent or null, else [the node], which may be null
            List find(Map root, List path, List prefixes, int depth, String pathText) {
              def node = root;
              for (int i = 0; i < depth; i++) {
                if (node == null) {
                  return [];
                }
                if (!(node instanceof Map)) {
                  throw new IllegalArgumentException("'" + prefixes.get(i) + "' is JSON type " + jsonType(node)
                      + ", so it cannot hold '" + pathText + "'");
                }
                if (!node.containsKey(path.get(i))) {
                  return [];
                }
                node = node.get(path.get(i));
              }
              List found = new ArrayList();
              found.add(node);
              return found;
            }
            List src = $SOURCE_SEGMENTS;
            List srcPrefixes = $SOURCE_PREFIXES;
            String srcText = $SOURCE_TEXT;
            List tgt = $TARGET_SEGMENTS;
            List tgtPrefixes = $TARGET_PREFIXES;
            String tgtText = $TARGET_TEXT;
            String sep = $SEPARATOR;
            boolean moved = $MOVED;
            List found = find(ctx._source, src, srcPrefixes, src.size(), srcText);
            if (found.size() == 1) {
              def tags = found.get(0);
              List pairs = new ArrayList();
              if (tags != null) {
                if (!(tags instanceof Map)) {
                  throw new IllegalArgumentException("tags at '" + srcText + "' are JSON type " + jsonType(tags)
                      + ", expected an object");
                }
                for (def name : sortedKeys(tags)) {
                  addValue(pairs, name, tags.get(name), srcText + "." + name, sep);
                }
              }
              if (moved) {
                def srcParent = find(ctx._source, src, srcPrefixes, src.size() - 1, srcText).get(0);
                srcParent.remove(src.get(src.size() - 1));
                List existing = find(ctx._source, tgt, tgtPrefixes, tgt.size(), tgtText);
                if (existing.size() == 1 && existing.get(0) != null) {
                  throw new IllegalArgumentException("target '" + tgtText + "' already holds JSON type "
                      + jsonType(existing.get(0)) + "; not overwriting it with the tags from '" + srcText + "'");
                }
              }
              Map parent = ctx._source;
              for (int i = 0; i < tgt.size() - 1; i++) {
                def child = parent.get(tgt.get(i));
                if (child == null) {
                  child = new LinkedHashMap();
                  parent.put(tgt.get(i), child);
                } else if (!(child instanceof Map)) {
                  throw new IllegalArgumentException("'" + tgtPrefixes.get(i + 1) + "' is JSON type "
                      + jsonType(child) + ", so it cannot hold '" + tgtText + "'");
                }
                parent = child;
              }
              parent.put(tgt.get(tgt.size() - 1), pairs);
              if (moved) {
                // objects on the source path the move left empty go, deepest first
                for (int depth = src.size() - 1; depth > 0; depth--) {
                  def holder = find(ctx._source, src, srcPrefixes, depth - 1, srcText).get(0);
                  def child = holder.get(src.get(depth - 1));
                  if (!(child instanceof Map) || !child.isEmpty()) {
                    break;
                  }
                  holder.remove(src.get(depth - 1));
                }
              }
            }
            """;

    private static final String DEFAULT_SEPARATOR = ":";

    private PainlessTransforms() {
    }

    /**
     * A Painless script for {@code _reindex} doing what the Java {@code tags-to-key-value} transform does with the
     * options {@code source}, {@code target} and {@code separator} (see {@link TagsToKeyValueTransform}).
     *
     * @param sourcePath the dot path of the tags map
     * @param targetPath the dot path of the pairs; {@code null} means {@code sourcePath}, as in the Java transform
     * @param separator  between key and value; {@code null} means {@code :}, as in the Java transform
     * @throws IllegalArgumentException for options the Java transform refuses, with its message
     */
    public static String tagsToKeyValue(String sourcePath, String targetPath, String separator) {
        Objects.requireNonNull(sourcePath, "sourcePath");
        String target = targetPath == null ? sourcePath : targetPath;
        separator = separator == null ? DEFAULT_SEPARATOR : separator;
        // building the Java transform applies its option rules (dot paths, target not a parent, one-char separator),
        // so both forms accept exactly the same options
        Transforms.load(TagsToKeyValueTransformProvider.NAME,
                Map.of("source", sourcePath, "target", target, "separator", separator));
        List<String> source = DotPath.parse(sourcePath).segments();
        List<String> targetSegments = DotPath.parse(target).segments();
        return TAGS_TO_KEY_VALUE
                .replace("$SOURCE_SEGMENTS", list(source))
                .replace("$SOURCE_PREFIXES", list(prefixes(source)))
                .replace("$SOURCE_TEXT", literal(sourcePath))
                .replace("$TARGET_SEGMENTS", list(targetSegments))
                .replace("$TARGET_PREFIXES", list(prefixes(targetSegments)))
                .replace("$TARGET_TEXT", literal(target))
                .replace("$SEPARATOR", literal(separator))
                .replace("$MOVED", String.valueOf(!source.equals(targetSegments)));
    }

    /** For each depth, the dotted path up to it, as failure reasons name the field on the way that was not an object. */
    private static List<String> prefixes(List<String> segments) {
        List<String> prefixes = new ArrayList<>();
        for (int depth = 0; depth <= segments.size(); depth++) {
            prefixes.add(String.join(".", segments.subList(0, depth)));
        }
        return prefixes;
    }

    private static String list(List<String> values) {
        return "[" + String.join(", ", values.stream().map(PainlessTransforms::literal).toList()) + "]";
    }

    /** A Painless string literal: in double quotes, Painless knows only the escapes {@code \\} and {@code \"}. */
    static String literal(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
