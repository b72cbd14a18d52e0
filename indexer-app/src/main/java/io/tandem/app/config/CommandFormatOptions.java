package io.tandem.app.config;

import io.tandem.cli.SettingErrors;
import io.tandem.core.command.CommandFormat;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a command's id, operation, version and document are: the same for every command that reads commands. */
public final class CommandFormatOptions {

    @Option(names = "--id-field", defaultValue = "id", description = "Dot path of the document id in a command; "
            + "the record key is used when absent (default: ${DEFAULT-VALUE}).")
    String idField;

    @Option(names = "--op-field", defaultValue = "op", description = "Dot path of the operation (default: ${DEFAULT-VALUE}).")
    String opField;

    @Option(names = "--version-field", defaultValue = "version", description = "Dot path of the version (default: ${DEFAULT-VALUE}).")
    String versionField;

    @Option(names = "--doc-field", defaultValue = "doc", description = "Dot path of the full document of an upsert (default: ${DEFAULT-VALUE}).")
    String docField;

    /** The flag of each {@link CommandFormat} component these options set; the op names are not flags. */
    static final Map<String, String> FLAGS = Map.of("idField", "--id-field", "opField", "--op-field",
            "versionField", "--version-field", "docField", "--doc-field");

    /** The format; a bad path is an error naming its flag. */
    public CommandFormat format() {
        // in one go: one field at a time would refuse swapping two paths (--id-field op --op-field id) half way
        return SettingErrors.flagged(FLAGS, () -> new CommandFormat(idField, opField, versionField, docField,
                CommandFormat.DEFAULT.upsertOps(), CommandFormat.DEFAULT.deleteOps()));
    }
}
