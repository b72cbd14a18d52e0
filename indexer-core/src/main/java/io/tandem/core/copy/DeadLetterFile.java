package io.tandem.core.copy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tandem.core.json.JsonMappers;
import io.tandem.core.source.SourceJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Documents that could not be copied (by the backfill, a re-drive), one JSON object per line:
 * {@code {"id", "stage", "reason", "source"}}, so that nothing is lost silently and each can be re-driven once the
 * cause is fixed ({@link #read}). Appends: a rerun adds to the same file.
 *
 * <p>As a {@link DeadLetterSink}, letters are written by the file's own thread ({@code tandem-dead-letters}), in
 * the order they were recorded, so the bulk writer's thread never waits on the disk.
 */
public final class DeadLetterFile implements DeadLetterSink, AutoCloseable {

    private static final JsonMapper JSON = JsonMappers.PLAIN;

    private final Path path;
    private final AtomicLong count = new AtomicLong();
    private BufferedWriter writer;
    private final DeadLetterThread appender;

    public DeadLetterFile(Path path) {
        this.path = path;
        this.appender = new DeadLetterThread("the dead-letter file " + path);
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
     * @param stage  where the copy failed: a {@link FailureStage#label()}
     * @param reason why, as the transform or the engine said; may be null
     */
    public void write(String id, String stage, String reason, SourceJson source) {
        String json = source == null ? "null" : source.oneLine();
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

    /** Appends the letter on the file's own thread; the future completes once the line reached the file. */
    @Override
    public CompletableFuture<Void> record(DeadLetter letter) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        appender.run(() -> {
            try {
                write(letter.id(), letter.stage().label(), letter.reason(), letter.source());
                written.complete(null);
            } catch (Throwable e) {
                written.completeExceptionally(e);
            }
        }, written);
        return written;
    }

    /** Waits until every letter recorded so far is written or failed. */
    @Override
    public void flush() {
        appender.drain();
    }

    @Override
    public String destination() {
        return "written to " + path;
    }

    /** One line of a dead-letter file, as {@link #read} gives it: {@code source} is the JSON text as written. */
    public record Line(int number, String id, String stage, String reason, JsonNode source) {
    }

    /**
     * Reads a dead-letter file line by line, for a re-drive. Blank lines are skipped.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the line, when one is not a dead letter (not JSON, no id or source)
     */
    public static long read(Path path, Consumer<Line> each) throws IOException {
        long lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line;
                try {
                    // exact decimals: the document is written again as it was read
                    line = JsonMappers.SOURCE.readTree(text);
                } catch (IOException e) {
                    throw new IllegalArgumentException(path + " line " + number + " is not JSON: "
                            + CopyFailedException.oneLine(e), e);
                }
                if (!line.path("id").isTextual() || !line.has("source")) {
                    throw new IllegalArgumentException(path + " line " + number + " is no dead letter: it needs "
                            + "\"id\" and \"source\"");
                }
                each.accept(new Line(number, line.get("id").asText(), line.path("stage").asText(null),
                        line.path("reason").asText(null), line.get("source")));
                lines++;
            }
        }
        return lines;
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

    /** Writes the letters still queued, then closes the file. Letters recorded afterwards fail. */
    @Override
    public void close() {
        appender.close();
        closeWriter();
    }

    private synchronized void closeWriter() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
