package io.tandem.core.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tandem.core.json.DotPath;
import io.tandem.core.source.SourceDocument;
import java.util.Locale;
import java.util.Optional;

/**
 * The version the backfill writes a document with, in the one version space it shares with the live consumer.
 * {@link Mode#LOWEST} (0, the default) makes every live write win and lets every delete tombstone refuse the copy;
 * the other modes are for old documents that carry a version of that same space.
 */
public record VersionRule(Mode mode, String field) {

    public enum Mode {
        /** Version 0: the copy loses against any live write. */
        LOWEST,
        /** A field of the old document (dot path) holds the version the application gave it. */
        DOCUMENT_FIELD,
        /** The old index was written with external versions of the same space: its _version is that version. */
        SOURCE_VERSION
    }

    public VersionRule {
        if ((mode == Mode.DOCUMENT_FIELD) != (field != null && !field.isBlank())) {
            throw new IllegalArgumentException("--version-rule: a field path goes with 'field:<path>' only");
        }
        if (mode == Mode.DOCUMENT_FIELD) {
            try {
                DotPath.parse(field); // a path no document can have would dead-letter every one
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--version-rule: field path " + e.getMessage(), e);
            }
        }
    }

    /** Parses {@code lowest}, {@code source-version} or {@code field:<path>}. */
    public static VersionRule parse(String text) {
        String value = text.trim();
        if (value.toLowerCase(Locale.ROOT).startsWith("field:")) {
            return new VersionRule(Mode.DOCUMENT_FIELD, value.substring("field:".length()).trim());
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "lowest" -> new VersionRule(Mode.LOWEST, null);
            case "source-version" -> new VersionRule(Mode.SOURCE_VERSION, null);
            default -> throw new IllegalArgumentException("--version-rule: expected lowest, source-version or field:<path>, was '" + text + "'");
        };
    }

    /** Whether the reader must ask for _version. */
    public boolean needsSourceVersion() {
        return mode == Mode.SOURCE_VERSION;
    }

    /** The field of the document this rule reads, if it reads one. */
    public Optional<DotPath> documentField() {
        return mode == Mode.DOCUMENT_FIELD ? Optional.of(DotPath.parse(field)) : Optional.empty();
    }

    /**
     * The version to write.
     *
     * @throws IllegalArgumentException when the document lacks a usable version (the document is dead-lettered)
     */
    public long versionOf(SourceDocument document) {
        return switch (mode) {
            case LOWEST -> 0L;
            case SOURCE_VERSION -> document.version().orElseThrow(() ->
                    new IllegalArgumentException("the source did not return _version for " + document.id()));
            case DOCUMENT_FIELD -> fieldVersion(document);
        };
    }

    private long fieldVersion(SourceDocument document) {
        JsonNode node = DotPath.parse(field).find(document.source()).orElse(MissingNode.getInstance());
        if (!node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new IllegalArgumentException("version field '" + field + "' is " + (node.isMissingNode() ? "missing"
                    : "not a non-negative integer: " + node));
        }
        return node.asLong();
    }

    @Override
    public String toString() {
        return mode == Mode.DOCUMENT_FIELD ? "field:" + field : mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
