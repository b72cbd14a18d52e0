package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.IndexContents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One migration under test: an old index seeded with {@link OldIndex} documents and an empty new index created from
 * the strict contract, with the backfill's arguments for the pair and a way to run the backfill in-process.
 */
record Migration(String sourceUrl, String source, String targetUrl, String target) {

    static final Path CONTRACT = Path.of("src/test/resources/messages-v2.json").toAbsolutePath();
    private static final DocumentTransform TAGS = Transforms.load("tags-to-key-value", Map.of("source", "tags"));
    private static final ObjectMapper JSON = new ObjectMapper();

    static Migration seeded(String sourceUrl, String targetUrl, String name, int docs, boolean typed, long seed)
            throws IOException {
        Migration migration = new Migration(sourceUrl, Engines.uniqueName("old-" + name), targetUrl,
                Engines.uniqueName("new-" + name));
        OldIndex.seed(sourceUrl, migration.source(), docs, typed, seed);
        IndexContents.send(targetUrl, "PUT", "/" + migration.target(), Files.readString(CONTRACT));
        return migration;
    }

    /**
     * The arguments naming the pair and the tags transform, {@code --standalone} (no consumer runs beside these
     * copies); {@code extra} follow.
     */
    List<String> args(String... extra) {
        List<String> args = new ArrayList<>(List.of("--source-url", sourceUrl, "--target-url", targetUrl,
                "--source-index", source, "--target-index", target, "--transform", "tags-to-key-value",
                "--transform-option", "source=tags", "--standalone"));
        args.addAll(List.of(extra));
        return args;
    }

    /** Every document of the new index is transform(old document), and the new index holds no other. */
    void assertTargetEqualsTransformedSource() throws IOException {
        Map<String, ObjectNode> old = IndexContents.readAll(sourceUrl, source);
        Map<String, ObjectNode> copied = IndexContents.readAll(targetUrl, target);
        assertThat(copied).hasSameSizeAs(old);
        List<String> different = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> entry : old.entrySet()) {
            JsonNode expected = JSON.readTree(JSON.writeValueAsBytes(TAGS.apply(entry.getKey(), entry.getValue())));
            if (!expected.equals(copied.get(entry.getKey()))) {
                different.add(entry.getKey() + ": expected " + expected + " was " + copied.get(entry.getKey()));
            }
        }
        assertThat(different).as("documents that are not transform(source)").isEmpty();
    }

    /** What a backfill run printed, and its exit status. */
    record Result(int exit, String output) {
    }

    /** Runs tandem backfill in this JVM with {@code args}. */
    static Result run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int exit = BackfillCommand.execute(args.toArray(String[]::new), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true));
        return new Result(exit, out.toString(StandardCharsets.UTF_8) + err);
    }
}
