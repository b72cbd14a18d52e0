package io.tandem.cli;

import io.tandem.core.state.TransformRecord;
import io.tandem.core.transform.DocumentTransform;
import io.tandem.core.transform.Transforms;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The transform applied to every document on its way to the new index; the same for the indexer and the backfill. */
public final class TransformOptions {

    @Option(names = "--transform", defaultValue = "identity",
            description = "Transform applied to every document: identity, tags-to-key-value, or one's own found with "
                    + "ServiceLoader (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--transform-option", paramLabel = "KEY=VALUE",
            split = SettingsDefaultProvider.ENTRY_SPLIT, hideParamSyntax = true,
            description = "Option of the transform, repeatable, e.g. source=actions.tags, target=tags.")
    Map<String, String> options = new LinkedHashMap<>();

    public String name() {
        return name;
    }

    public Map<String, String> options() {
        return Map.copyOf(options);
    }

    /** The transform as the state index records it for a target index. */
    public TransformRecord record() {
        return new TransformRecord(name, options());
    }

    /** Loads the transform; an unknown name or option is an error naming it. */
    public DocumentTransform load() {
        return Transforms.load(name, options());
    }
}
