package io.tandem.backfill;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.core.source.SourceJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Documents the backfill could not copy, one JSON object per line: {@code {"id", "stage", "reason", "source"}}, so that
 * nothing is lost silently and each can be fixed and replayed. Appends: a rerun adds to the same file.
 */
public final class DeadLetterFile implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final AtomicLong count = new AtomicLong();
    private BufferedWriter writer;

    public DeadLetterFile(Path path) {
        this.path = path;
    }

    /**
     * Makes sure dead letters can be written before anything is copied: opens the file for appending, as the first
     * dead letter will, and removes it again if this made it, so a clean run still leaves no file behind.
     *
     * @throws IllegalArgumentException naming {@code --dead-letter-file} and why, e.g. a missing or read-only directory
     */
    public void checkWritable() {
        boolean existed = Files.exists(path);
        try {
            Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    .close();
            if (!existed) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--dead-letter-file: cannot write " + path.toAbsolutePath() + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "): a document that fails would be lost; give a writable path", e);
        }
    }

    /**
     * Appends one dead letter. The source is the JSON the engine sent, which is cheaper to keep than the tree until it
     * is known whether a document's write failed; it is written as sent (decimals and key order included), on one line.
     *
     * @param stage  where the copy failed: {@code transform} or {@code write}
     * @param reason why, as the transform or the engine said; may be null
     */
    public void write(String id, String stage, String reason, SourceJson source) {
        String json = source.oneLine();
        StringWriter line = new StringWriter(json.length() + 128);
        try {
            try (JsonGenerator generator = JSON.createGenerator(line)) {
                generator.writeStartObject();
                generator.writeStringField("id", id);
                generator.writeStringField("stage", stage);
                generator.writeStringField("reason", reason);
                generator.writeFieldName("source");
                generator.writeRawValue(json);
                generator.writeEndObject();
            }
            append(line.toString());
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private synchronized void append(String line) throws IOException {
        if (writer == null) {
            // created on the first dead letter only: a clean run leaves no empty file behind
            writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        try {
            writer.write(line);
            writer.newLine();
            // each line reaches the file at once: a killed job must not lose the record of a failure
            writer.flush();
        } catch (IOException e) {
            // the caller hears of it and fails; a line left in the buffer must not fail close() a second time
            BufferedWriter broken = writer;
            writer = null;
            try {
                broken.close();
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        count.incrementAndGet();
    }

    private UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("cannot write dead letter to " + path + ": " + e.getMessage(), e);
    }

    public long count() {
        return count.get();
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
