package io.tandem.core.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON value kept as the UTF-8 bytes it was read as (a range of the input, not a copy), written out again as it
 * came by a generator's {@code writeRawValue}. A line break is allowed in JSON only between tokens (inside a string it
 * must be escaped), so where the value has one ({@code lineBreaks}) each is written as a space: the value stays the
 * same and fits on one NDJSON line.
 *
 * <p>Equal when the bytes written are the same. The quoted forms are those of the JSON text as a string.
 */
final class RawJson implements SerializableString {

    private final byte[] input;
    private final int offset;
    private final int length;
    private final boolean lineBreaks;

    RawJson(byte[] input, int offset, int length, boolean lineBreaks) {
        this.input = input;
        this.offset = offset;
        this.length = length;
        this.lineBreaks = lineBreaks;
    }

    /** The bytes as written: a copy, with any line break a space. */
    private byte[] bytes() {
        byte[] bytes = Arrays.copyOfRange(input, offset, offset + length);
        if (lineBreaks) {
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n' || bytes[i] == '\r') {
                    bytes[i] = ' ';
                }
            }
        }
        return bytes;
    }

    /** The JSON text as a string, for the quoted forms. */
    private SerializedString asString() {
        return new SerializedString(getValue());
    }

    @Override
    public String getValue() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return asString().asQuotedChars();
    }

    @Override
    public byte[] asQuotedUTF8() {
        return asString().asQuotedUTF8();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return bytes();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int at) {
        return asString().appendQuotedUTF8(buffer, at);
    }

    @Override
    public int appendQuoted(char[] buffer, int at) {
        return asString().appendQuoted(buffer, at);
    }

    /** The generator's way for raw bytes: straight into its buffer when they fit, else -1 and it takes a copy. */
    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
        if (lineBreaks || at + length > buffer.length) {
            return -1;
        }
        System.arraycopy(input, offset, buffer, at, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int at) {
        return asString().appendUnquoted(buffer, at);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return asString().writeQuotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        byte[] bytes = lineBreaks ? bytes() : null;
        if (bytes == null) {
            out.write(input, offset, length);
        } else {
            out.write(bytes);
        }
        return length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return asString().putQuotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (length > buffer.remaining()) {
            return -1;
        }
        buffer.put(bytes());
        return length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson that && Arrays.equals(bytes(), that.bytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes());
    }

    @Override
    public String toString() {
        return getValue();
    }
}
