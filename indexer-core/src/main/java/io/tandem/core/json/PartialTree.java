package io.tandem.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a document into a tree in which only the fields on some paths are parsed: each field on a path becomes a
 * tree as {@link ObjectMapper#readTree} makes it, the objects on the way to one become objects, and every other field
 * keeps the JSON it was read as ({@link RawJson}: a range of the input, neither decoded nor encoded again), which a
 * generator writes out as it came. A 40 KB text beside the tags a transform rewrites is then only scanned and copied,
 * not decoded into a string and encoded again (measured: 33 against 380 µs per such document); a small field kept raw
 * costs ~0.4 µs more than parsing it. Without paths ({@link #whole}) it is {@code readTree}.
 *
 * <p>Such a tree is for writing out: a field kept raw is a {@code POJONode} holding a {@link RawValue}, equal only to
 * the same bytes kept raw. The parser must read a byte array from its start (its byte offsets index that array), and
 * what it checks while skipping still holds for the raw fields: the JSON must be well formed, duplicate names are
 * found where the mapper finds them.
 */
public final class PartialTree {

    private final ObjectMapper mapper;
    private final Level root;

    private PartialTree(ObjectMapper mapper, Level root) {
        this.mapper = mapper;
        this.root = root;
    }

    /** Every field parsed: {@code readTree}. */
    public static PartialTree whole(ObjectMapper mapper) {
        return new PartialTree(mapper, Level.whole());
    }

    /**
     * The fields on {@code paths} parsed, each whole, and the objects on the way to them; all other fields raw. No
     * paths: every field of the document raw. Empty: every field parsed ({@link #whole}).
     */
    public static PartialTree parsing(ObjectMapper mapper, Optional<? extends Collection<DotPath>> paths) {
        if (paths.isEmpty()) {
            return whole(mapper);
        }
        Level root = new Level();
        paths.get().forEach(root::parseWhole);
        return new PartialTree(mapper, root);
    }

    /**
     * This reading of a document, for a larger value that holds the document's object at {@code at}, and of which
     * the fields on {@code alsoParsed} are parsed whole (a command's envelope: its op, id and version).
     */
    public PartialTree within(DotPath at, List<DotPath> alsoParsed) {
        Level outer = new Level();
        Level document = outer;
        for (String name : at.segments()) {
            document = document.children.computeIfAbsent(name, n -> new Level());
        }
        document.copyFrom(root);
        alsoParsed.forEach(outer::parseWhole);
        return new PartialTree(mapper, outer);
    }

    /**
     * Reads the value the parser is on (or, before the first token, the first value), leaving the parser on its last
     * token, as {@code readTree} does.
     *
     * @param input the bytes the parser reads, from their start
     */
    public JsonNode read(JsonParser parser, byte[] input) throws IOException {
        if (parser.currentToken() == null) {
            parser.nextToken();
        }
        return read(parser, input, root);
    }

    private JsonNode read(JsonParser parser, byte[] input, Level level) throws IOException {
        if (level.whole || parser.currentToken() != JsonToken.START_OBJECT) {
            return mapper.readTree(parser);
        }
        ObjectNode object = mapper.getNodeFactory().objectNode();
        JsonToken token = parser.nextToken();
        while (token == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            Level field = level.children.get(name);
            if (field != null) {
                object.set(name, read(parser, input, field));
                token = parser.nextToken();
            } else {
                JsonLocation start = parser.currentTokenLocation();
                parser.skipChildren(); // a string is skipped lazily by the next token: never decoded
                token = parser.nextToken();
                object.set(name, raw(input, start, parser.currentTokenLocation()));
            }
        }
        return object;
    }

    /** The value from {@code start} to the token after it ({@code next}), less the whitespace and comma between. */
    private JsonNode raw(byte[] input, JsonLocation start, JsonLocation next) {
        int from = (int) start.getByteOffset();
        int to = (int) next.getByteOffset();
        if (from < 0 || to < from || to > input.length) {
            throw new IllegalStateException("the parser does not read the given bytes from their start");
        }
        to = beforeSeparator(input, from, to);
        // JSON allows a line break only between tokens: a value on one line has none
        boolean lineBreaks = start.getLineNr() != next.getLineNr() && hasLineBreak(input, from, to);
        return mapper.getNodeFactory().rawValueNode(new RawValue(new RawJson(input, from, to - from, lineBreaks)));
    }

    private static int beforeSeparator(byte[] input, int from, int to) {
        int end = skipWhitespaceBack(input, from, to);
        if (end > from && input[end - 1] == ',') {
            end = skipWhitespaceBack(input, from, end - 1);
        }
        return end;
    }

    private static int skipWhitespaceBack(byte[] input, int from, int to) {
        int end = to;
        while (end > from && (input[end - 1] == ' ' || input[end - 1] == '\n' || input[end - 1] == '\r'
                || input[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    private static boolean hasLineBreak(byte[] input, int from, int to) {
        for (int i = from; i < to; i++) {
            if (input[i] == '\n' || input[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    /** One object level: which of its fields are parsed, whole or as objects in turn. */
    private static final class Level {

        private boolean whole;
        private final Map<String, Level> children = new HashMap<>();

        static Level whole() {
            Level level = new Level();
            level.whole = true;
            return level;
        }

        /** Makes this level read as {@code other} does, sharing no level with it. */
        void copyFrom(Level other) {
            whole = other.whole;
            other.children.forEach((name, child) -> children.computeIfAbsent(name, n -> new Level()).copyFrom(child));
        }

        void parseWhole(DotPath path) {
            Level level = this;
            for (String name : path.segments()) {
                if (level.whole) {
                    return;
                }
                level = level.children.computeIfAbsent(name, n -> new Level());
            }
            level.whole = true;
        }
    }
}
