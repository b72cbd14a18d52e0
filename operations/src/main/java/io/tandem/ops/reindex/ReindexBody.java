package io.tandem.ops.reindex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;

/** The body of {@code POST /_reindex} for a {@link RemoteReindexSettings}. */
final class ReindexBody {

    private ReindexBody() {
    }

    static ObjectNode of(RemoteReindexSettings settings) {
        ObjectNode body = JsonMappers.PLAIN.createObjectNode();
        // a document the target holds in a newer version is the intended outcome: count it, go on
        body.put("conflicts", "proceed");

        ObjectNode source = body.putObject("source");
        ObjectNode remote = source.putObject("remote");
        remote.put("host", settings.remoteHost());
        settings.username().ifPresent(user -> remote.put("username", user));
        settings.password().ifPresent(password -> remote.put("password", password));
        source.put("index", settings.sourceIndex());
        source.put("size", settings.size());
        settings.query().ifPresent(query -> source.set("query", query));

        ObjectNode dest = body.putObject("dest");
        dest.put("index", settings.targetIndex());
        // with the script's version 0: the copy joins the live writes' version space below all of them
        dest.put("version_type", "external");

        ObjectNode script = body.putObject("script");
        script.put("lang", "painless");
        script.put("source", VersionZeroScript.compose(settings.painlessScript().orElse("")));
        return body;
    }
}
