package io.tandem.core.source;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A document's {@code _source} as the engine sent it: a range of the answer it came in. The range is shared with the
 * page's other documents, not copied, since holding it costs nothing until a copy fails and needs it for a dead
 * letter; nobody writes to the answer's bytes.
 *
 * @param answer the bytes of the whole answer
 * @param offset where the {@code _source} object starts in them
 * @param length its length in bytes
 */
public record SourceJson(byte[] answer, int offset, int length) {

    public SourceJson {
        Objects.requireNonNull(answer, "answer");
        Objects.checkFromIndexSize(offset, length, answer.length);
    }

    /** A source that is all of {@code json}. */
    public static SourceJson of(byte[] json) {
        return new SourceJson(json, 0, json.length);
    }

    /**
     * The JSON on one line, for an NDJSON file. A source may be stored pretty-printed; JSON allows a raw line break
     * only between tokens (inside a string it must be escaped), so each becomes a space and the value stays the same.
     */
    public String oneLine() {
        String text = new String(answer, offset, length, StandardCharsets.UTF_8);
        return text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text : text.replace('\n', ' ').replace('\r', ' ');
    }

    /** Equal when the JSON is the same byte for byte, wherever it lies. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SourceJson that
                && Arrays.equals(answer, offset, offset + length, that.answer, that.offset, that.offset + that.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + answer[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return new String(answer, offset, length, StandardCharsets.UTF_8);
    }
}
