package io.tandem.backfill;

import io.tandem.ops.reindex.PainlessTransforms;
import io.tandem.ops.reindex.ReindexResult;
import io.tandem.ops.reindex.RemoteReindex;
import io.tandem.ops.reindex.RemoteReindexSettings;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.elasticsearch.client.RestClient;

/**
 * The alternative engine for plain copies: the new cluster pulls from the old one with reindex-from-remote. Limits:
 * no slicing from a remote source (one stream, no checkpoints: a failed run starts over, harmlessly since copies are
 * version 0), the transform must exist in Painless (identity and tags-to-key-value do), and the old cluster must be on
 * the new one's reindex.remote.whitelist / allowlist.
 */
final class RemoteReindexCopy {

    private final RestClient target;
    private final PrintStream out;

    RemoteReindexCopy(RestClient target, PrintStream out) {
        this.target = target;
        this.out = out;
    }

    /** The Painless form of a transform, or an error naming it when there is none. */
    static Optional<String> painless(String transform, Map<String, String> options) {
        return switch (transform) {
            case "identity" -> Optional.empty();
            case "tags-to-key-value" -> Optional.of(PainlessTransforms.tagsToKeyValue(options.get("source"),
                    options.get("target"), options.get("separator")));
            default -> throw new IllegalArgumentException("--engine REMOTE_REINDEX: transform '" + transform
                    + "' has no Painless form; use the SCROLL engine for Java transforms");
        };
    }

    int run(RemoteReindexSettings settings) throws InterruptedException {
        String remoteHost = settings.remoteHost();
        String sourceIndex = settings.sourceIndex();
        String targetIndex = settings.targetIndex();
        ReindexResult result = new RemoteReindex(target).run(settings, (done, total) ->
                out.printf(Locale.ROOT, "remote reindex: %,d/%,d%n", done, total));
        double seconds = Math.max(0.001, result.took().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "%nRemote reindex %s (%s) -> %s: %s%n", sourceIndex, remoteHost, targetIndex,
                result.succeeded() ? "COMPLETED" : "FAILED");
        out.printf(Locale.ROOT, "  documents    %,d matched, %,d created, %,d updated, %,d stale, %,d failed%n",
                result.total(), result.created(), result.updated(), result.versionConflicts(), result.failures());
        out.printf(Locale.ROOT, "  throughput   %.1f s, %,.0f docs/s%n", seconds, result.total() / seconds);
        result.failureReasons().stream().limit(10).forEach(reason -> out.println("  failure      " + reason));
        return result.succeeded() ? 0 : 1;
    }
}
