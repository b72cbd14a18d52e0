package io.tandem.core.command;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.command.ParseResult.Parsed;
import io.tandem.core.command.ParseResult.Unparseable;
import io.tandem.core.document.Command;
import io.tandem.core.document.Operation;
import io.tandem.core.json.DotPath;
import io.tandem.core.json.PartialTree;
import io.tandem.core.json.JsonMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns one record of the command topic (key bytes, value bytes, offset) into a {@link Command}, or into the reason it
 * cannot be one. Thread-safe: it holds no state besides its configuration.
 *
 * <p>A JSON value is an envelope laid out as {@link CommandFormat} says. A {@code null} value (a Kafka tombstone) is a
 * delete of the document whose id is the record key, versioned by {@link VersionSource#KAFKA_OFFSET}; with
 * {@link VersionSource#COMMAND_FIELD} a tombstone is unparseable, as it carries no version and any number made up
 * for it would either lose the delete or override later upserts.
 *
 * <p>The key is read as UTF-8 text and is used only where the value gives no id: when the value's id field is present
 * it wins, even if the key differs, because applications often key by something else (a tenant, an aggregate) to
 * choose the partition, and the envelope is what names the document.
 *
 * <p>The document of an upsert is kept as written: numbers with a fraction stay exact decimals ({@code 1.10} stays
 * {@code 1.10}), so the new cluster receives the {@code _source} the old one has. A value with duplicate field names
 * or with anything after the JSON object is rejected, as its meaning would be ambiguous.
 */
public final class CommandParser {

    /**
     * Quoted values from the record (ids, op names, numbers) are cut to this many characters, to keep reasons short;
     * as many as the mapper quotes of a token in its own messages.
     */
    private static final int MAX_QUOTED_CHARS = JsonMappers.COMMAND_ERROR_TOKEN_CHARS;
    /** Jackson's messages name the (redacted) source before each location; the line and column are what matter. */
    private static final Pattern JACKSON_SOURCE = Pattern.compile("\\[Source: [^\\]]*?; (line: \\d+, column: \\d+)]");

    /** Exact decimals, duplicate names refused: the one configuration for command records. */
    private static final JsonMapper MAPPER = JsonMappers.COMMAND;

    private final VersionSource versionSource;
    private final DotPath idPath;
    private final DotPath opPath;
    private final DotPath versionPath;
    private final DotPath docPath;
    private final Set<String> upsertOps;
    private final Set<String> deleteOps;
    /** What of a value is parsed: the envelope's fields, and the document's as {@code documentPaths} say. */
    private final PartialTree envelope;

    /** A parser whose documents have every field parsed. */
    public CommandParser(CommandFormat format, VersionSource versionSource) {
        this(format, versionSource, Optional.empty());
    }

    /**
     * @param documentPaths the fields of a document that are parsed (what the transform reads, see
     *                      {@link io.tandem.core.transform.DocumentTransform#paths}); its other fields are kept as
     *                      the JSON they came as ({@link PartialTree}). Empty: every field
     */
    public CommandParser(CommandFormat format, VersionSource versionSource, Optional<Set<DotPath>> documentPaths) {
        Objects.requireNonNull(format, "format");
        this.versionSource = Objects.requireNonNull(versionSource, "versionSource");
        this.idPath = DotPath.parse(format.idField());
        this.opPath = DotPath.parse(format.opField());
        this.versionPath = DotPath.parse(format.versionField());
        this.docPath = DotPath.parse(format.docField());
        this.upsertOps = format.upsertOps();
        this.deleteOps = format.deleteOps();
        this.envelope = PartialTree.parsing(MAPPER, documentPaths)
                .within(docPath, List.of(idPath, opPath, versionPath));
    }

    /**
     * @param key    the record key, may be {@code null}
     * @param value  the record value, {@code null} for a tombstone
     * @param offset the record's offset in its partition
     * @throws IllegalArgumentException for a negative offset, which no Kafka record has
     */
    public ParseResult parse(byte[] key, byte[] value, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        try {
            return new Parsed(value == null ? tombstone(key, offset) : envelope(key, value, offset));
        } catch (Rejected rejected) {
            return new Unparseable(rejected.getMessage());
        }
    }

    private Command tombstone(byte[] key, long offset) throws Rejected {
        if (key == null || key.length == 0) {
            throw new Rejected("tombstone without key");
        }
        String id = keyText(key);
        if (versionSource == VersionSource.COMMAND_FIELD) {
            // a made-up version would either lose the delete or win over later upserts: dead-letter it visibly instead
            throw new Rejected("tombstone for key " + quote(id) + " carries no version (version source COMMAND_FIELD)");
        }
        return Command.delete(id, offsetVersion(offset));
    }

    private Command envelope(byte[] key, byte[] value, long offset) throws Rejected {
        JsonNode root = readTree(value);
        if (!root.isObject()) {
            throw new Rejected("value is JSON type " + type(root) + ", not an object");
        }
        Operation operation = operation(root);
        String id = id(root, key);
        long version = versionSource == VersionSource.KAFKA_OFFSET ? offsetVersion(offset) : commandVersion(root);
        return operation == Operation.DELETE ? Command.delete(id, version) : Command.upsert(id, version, document(root));
    }

    private JsonNode readTree(byte[] value) throws Rejected {
        try (JsonParser parser = MAPPER.createParser(value)) {
            JsonNode root = envelope.read(parser, value);
            if (root == null || root.isMissingNode()) {
                throw new Rejected("invalid JSON: empty value (only a null value is a tombstone)");
            }
            if (parser.nextToken() != null) {
                throw new Rejected("invalid JSON" + at(parser.currentTokenLocation()) + ": content after the JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new Rejected("invalid JSON" + at(e.getLocation()) + ": " + oneLine(
                    JACKSON_SOURCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("[$1]")));
        } catch (IOException e) {
            // reading from a byte array does no I/O
            throw new UncheckedIOException(e);
        }
    }

    private Operation operation(JsonNode root) throws Rejected {
        JsonNode node = present(opPath, root).orElseThrow(() -> new Rejected("missing op: no '" + opPath + "' field"));
        if (!node.isTextual()) {
            throw new Rejected("op field '" + opPath + "' is JSON type " + type(node) + ", expected a string");
        }
        String name = node.textValue();
        if (upsertOps.contains(name)) {
            return Operation.UPSERT;
        }
        if (deleteOps.contains(name)) {
            return Operation.DELETE;
        }
        throw new Rejected("unknown op " + quote(name) + " (upsert: " + String.join(", ", new TreeSet<>(upsertOps))
                + "; delete: " + String.join(", ", new TreeSet<>(deleteOps)) + ")");
    }

    private String id(JsonNode root, byte[] key) throws Rejected {
        Optional<JsonNode> field = present(idPath, root);
        if (field.isPresent()) {
            JsonNode node = field.get();
            if (node.isIntegralNumber()) {
                return node.bigIntegerValue().toString();
            }
            if (!node.isTextual()) {
                throw new Rejected("id field '" + idPath + "' is " + describe(node) + ", expected a string or an integer");
            }
            if (!node.textValue().isEmpty()) {
                return node.textValue();
            }
        }
        if (key == null || key.length == 0) {
            throw new Rejected("missing id: '" + idPath + "' is absent or empty and the record has no key");
        }
        return keyText(key);
    }

    private long commandVersion(JsonNode root) throws Rejected {
        JsonNode node = present(versionPath, root)
                .orElseThrow(() -> new Rejected("missing version: no '" + versionPath + "' field"));
        if (!node.isIntegralNumber()) {
            throw new Rejected("version field '" + versionPath + "' is " + describe(node) + ", expected an integer");
        }
        if (!node.canConvertToLong()) {
            throw new Rejected("version field '" + versionPath + "' is out of range: " + cut(node.asText()));
        }
        long version = node.longValue();
        if (version < 0) {
            throw new Rejected("version field '" + versionPath + "' is negative: " + version);
        }
        return version;
    }

    private ObjectNode document(JsonNode root) throws Rejected {
        JsonNode node = docPath.find(root)
                .orElseThrow(() -> new Rejected("upsert without an object doc: no '" + docPath + "' field"));
        if (!node.isObject()) {
            throw new Rejected("upsert without an object doc: '" + docPath + "' is JSON type " + type(node));
        }
        return (ObjectNode) node;
    }

    private static long offsetVersion(long offset) {
        return Math.addExact(offset, 1);
    }

    /** The field's value, with a JSON null counting as absent. */
    private static Optional<JsonNode> present(DotPath path, JsonNode root) {
        return path.find(root).filter(node -> !node.isNull());
    }

    private static String keyText(byte[] key) throws Rejected {
        try {
            // strict: replacing bad bytes would silently address a different document
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Rejected("record key is not valid UTF-8");
        }
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(JsonNode node) {
        return node.isNumber() ? "a decimal number " + cut(node.asText()) : "JSON type " + type(node);
    }

    private static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String quote(String text) {
        return "'" + cut(oneLine(text)) + "'";
    }

    private static String cut(String text) {
        if (text.length() <= MAX_QUOTED_CHARS) {
            return text;
        }
        // never split a surrogate pair, which would leave an unencodable half in the reason
        int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED_CHARS - 1)) ? MAX_QUOTED_CHARS - 1 : MAX_QUOTED_CHARS;
        return text.substring(0, end) + "...";
    }

    private static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** Why a record is not a command; a checked exception without a stack trace, as it is an expected outcome. */
    private static final class Rejected extends Exception {

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
