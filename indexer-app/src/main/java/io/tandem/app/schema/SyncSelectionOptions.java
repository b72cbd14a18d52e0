package io.tandem.app.schema;

import io.tandem.core.schema.IndexDefinition;
import io.tandem.ops.sync.NameFilter;
import io.tandem.ops.sync.RenameRule;
import io.tandem.ops.sync.SyncOptions;
import io.tandem.ops.sync.TargetDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.tandem.cli.SettingsDefaultProvider;
import picocli.CommandLine.Option;

/** What schema sync copies and how: the options shared by {@code schema plan} and {@code schema apply}. */
public final class SyncSelectionOptions {

    @Option(names = "--include", split = ",", paramLabel = "PATTERN",
            description = "Copy only policies, templates and indices whose names match one of these patterns ('*' "
                    + "matches anything), comma separated or repeated (default: all).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", split = ",", paramLabel = "PATTERN",
            description = "Leave out policies, templates and indices whose names match one of these patterns; wins over "
                    + "--include.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--rename", split = ",", paramLabel = "OLD=NEW",
            description = "Create source index OLD as NEW on the target, e.g. messages-v1=messages-v2, or with one '*' "
                    + "on each side, logs-*=archive-logs-*; repeatable, the first matching rule wins.")
    List<String> renames = new ArrayList<>();

    @Option(names = "--definition", paramLabel = "INDEX=FILE",
            split = SettingsDefaultProvider.ENTRY_SPLIT, hideParamSyntax = true,
            description = "Create target index INDEX (its name after --rename) from this definition file "
                    + "({\"settings\":...,\"mappings\":...}) instead of the source's settings and mappings, for an index "
                    + "whose documents are transformed; shards come from the source when the file has none; repeatable.")
    Map<String, Path> definitions = new LinkedHashMap<>();

    @Option(names = "--replicas", defaultValue = "1", paramLabel = "N",
            description = "index.number_of_replicas of every index created; the source's replica count is not copied "
                    + "(default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--aliases", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Give each index created the aliases it has on the source; --no-aliases leaves aliases to "
                    + "the cutover (default: ${DEFAULT-VALUE}).")
    boolean aliases;

    @Option(names = "--overwrite-conflicts", defaultValue = "false",
            description = "Replace a policy or template that exists on the target with another definition, and add "
                    + "missing fields and aliases to an existing index; without it each is a conflict and nothing is "
                    + "changed. An index that differs otherwise stays a conflict (default: ${DEFAULT-VALUE}).")
    boolean overwriteConflicts;

    /**
     * The options, definition files read.
     *
     * @throws IllegalArgumentException naming the flag, for a malformed value or an unreadable file
     */
    public SyncOptions toOptions() {
        List<RenameRule> rules = new ArrayList<>();
        for (String rule : renames) {
            rules.add(flagged("--rename", () -> RenameRule.parse(rule)));
        }
        NameFilter filter = flagged("--include", () -> new NameFilter(include, exclude));
        Map<String, TargetDefinition> loaded = new LinkedHashMap<>();
        definitions.forEach((index, file) -> loaded.put(index,
                new TargetDefinition(file.toString(), flagged("--definition", () -> IndexDefinition.load(file)))));
        return flagged("--replicas", () -> new SyncOptions(replicas, filter, rules, aliases, loaded, overwriteConflicts));
    }

    private interface Parse<T> {
        T get();
    }

    /**
     * Core names a bad value by its field ("rename: ..."); the operator needs the flag ("--rename: ..."). A message
     * naming no field is about {@code flag}.
     */
    private static <T> T flagged(String flag, Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            for (String field : List.of("rename", "include", "exclude", "replicas")) {
                if (message.startsWith(field + ":")) {
                    throw new IllegalArgumentException("--" + message, e);
                }
            }
            throw new IllegalArgumentException(flag + ": " + message, e);
        }
    }
}
