package io.tandem.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where a setting comes from when its flag is not given: the environment ({@code --target-url} is
 * {@code TANDEM_TARGET_URL}), then the settings file ({@code target-url=...}), then the option's own default. So flags
 * override the environment, which overrides the file. Every setting is one picocli option, documented where it is
 * declared.
 *
 * <p>A repeatable {@code KEY=VALUE} option ({@code --transform-option}, {@code --kafka-property},
 * {@code --definition}) takes one entry per line in its environment variable, and in the file one key per entry:
 * {@code transform-option.source=actions.tags} (as well as {@code transform-option=source=actions.tags} for one).
 */
public final class SettingsDefaultProvider implements IDefaultValueProvider {

    /** The flag naming the settings file; also read as TANDEM_CONFIG. */
    public static final String CONFIG_FLAG = "--config";
    /**
     * The {@code split} of a repeatable {@code KEY=VALUE} option, declared with {@code hideParamSyntax} so that help
     * does not show it: how this provider hands picocli several entries in one default, a control character that no
     * argument holds (a comma would cut {@code ssl.enabled.protocols=TLSv1.2,TLSv1.3}).
     */
    public static final String ENTRY_SPLIT = "\\x1F";

    private static final String ENTRY_SEPARATOR = "\u001F";
    private static final String ENVIRONMENT_PREFIX = "TANDEM_";
    /** TANDEM_ variables that are no settings: this file's own, bin/'s and the local stack's. */
    private static final Set<String> SCRIPT_VARIABLES = Set.of("TANDEM_CONFIG", "TANDEM_JAVA_OPTS", "TANDEM_JAVA21_HOME",
            "TANDEM_ENGINES");
    /** Edits that make an unknown name a misspelling of a setting rather than another tool's setting. */
    private static final LevenshteinDistance MISSPELLING = new LevenshteinDistance(2);

    private final Map<String, String> environment;
    private final Optional<Path> path;
    private final Properties file;

    SettingsDefaultProvider(Map<String, String> environment, Optional<Path> path, Properties file) {
        this.environment = environment;
        this.path = path;
        this.file = file;
    }

    /** Reads the settings file named by {@code --config FILE} / {@code --config=FILE} in args, or by TANDEM_CONFIG. */
    public static SettingsDefaultProvider fromArgs(String[] args, Map<String, String> environment) {
        Optional<Path> path = configPath(args, environment);
        Properties file = path.map(p -> SettingFiles.properties(CONFIG_FLAG, p)).orElseGet(Properties::new);
        return new SettingsDefaultProvider(environment, path, file);
    }

    static Optional<Path> configPath(String[] args, Map<String, String> environment) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(CONFIG_FLAG) && i + 1 < args.length) {
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith(CONFIG_FLAG + "=")) {
                return Optional.of(Path.of(args[i].substring(CONFIG_FLAG.length() + 1)));
            }
        }
        return Optional.ofNullable(environment.get("TANDEM_CONFIG")).filter(s -> !s.isBlank()).map(Path::of);
    }

    /** The environment variable that sets an option: {@code --target-url} -> {@code TANDEM_TARGET_URL}. */
    public static String environmentVariable(OptionSpec option) {
        return variable(key(option));
    }

    /** The settings-file key of an option: its long name without dashes. */
    public static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^--", "");
    }

    /** The settings-file keys of every option of {@code root} and of its subcommands. */
    public static Set<String> keys(CommandSpec root) {
        Set<String> keys = new TreeSet<>();
        root.options().forEach(option -> keys.add(key(option)));
        root.subcommands().values().forEach(sub -> keys.addAll(keys(sub.getCommandSpec())));
        return keys;
    }

    /**
     * The setting {@code name} is most likely a misspelling of: one of {@code known} one edit away (two from a name
     * of eight characters or more), case, {@code _} and {@code .} aside.
     */
    public static Optional<String> misspelled(String name, Collection<String> known) {
        String normal = normal(name);
        // a short name two edits from another is often just another word (tune, runs)
        int allowed = normal.length() < 8 ? 1 : 2;
        return known.stream()
                .filter(key -> distance(normal, key) <= allowed)
                .min(Comparator.comparingInt((String key) -> distance(normal, key)).thenComparing(key -> key));
    }

    private static int distance(String normal, String key) {
        int distance = MISSPELLING.apply(normal, normal(key));
        return distance < 0 ? Integer.MAX_VALUE : distance; // -1: beyond the threshold
    }

    /**
     * Refuses a key of the settings file that is no setting of {@code root}'s commands, which would otherwise be
     * ignored in silence. When {@code root} holds every command ({@code everyCommand}), any such key is refused,
     * naming the closest setting; when it holds some of them only, the file may hold the others' settings, and only a
     * misspelling (a key one or two edits from a setting) is refused.
     *
     * @throws IllegalArgumentException naming the key and the setting closest to it, never a value
     */
    public void refuseUnknownKeys(CommandSpec root, boolean everyCommand) {
        Set<String> keys = keys(root);
        Set<String> mapKeys = new TreeSet<>();
        collectMapKeys(root, mapKeys);
        for (String name : new TreeSet<>(file.stringPropertyNames())) {
            boolean entry = mapKeys.stream().anyMatch(map -> name.startsWith(map + "."));
            if (keys.contains(name) || entry) {
                continue;
            }
            String where = CONFIG_FLAG + ": " + path.map(Path::toString).orElse("") + ": '" + name
                    + "' is not a setting";
            Optional<String> misspelled = misspelled(name, keys);
            if (misspelled.isPresent()) {
                throw new IllegalArgumentException(where + "; did you mean '" + misspelled.get() + "'?");
            }
            if (everyCommand) {
                throw new IllegalArgumentException(where + " of any command; the closest is '" + closest(name, keys)
                        + "' (every setting: docs/reference.md)");
            }
        }
    }

    /** The setting most like {@code name}: one its name contains or that contains it first, then the fewest edits. */
    private static String closest(String name, Collection<String> keys) {
        String normal = normal(name);
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        Comparator<String> unrelatedLast = Comparator.comparing(
                (String key) -> !normal.contains(normal(key)) && !normal(key).contains(normal));
        return keys.stream()
                .min(unrelatedLast.thenComparingInt(key -> distance.apply(normal, normal(key)))
                        .thenComparing(Comparator.naturalOrder())).orElseThrow();
    }

    /**
     * Warnings, one line each, for {@code TANDEM_} variables that are no setting of {@code root}'s commands but a
     * misspelling of one. Only warnings: the environment is shared with other programs and with Tandem's own scripts
     * ({@code TANDEM_ENGINES} of the tests, {@code TANDEM_JAVA_OPTS} of {@code bin/}), a file is written for Tandem.
     */
    public List<String> misspelledVariables(CommandSpec root) {
        Set<String> keys = keys(root);
        List<String> variables = keys.stream().map(SettingsDefaultProvider::variable).toList();
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith(ENVIRONMENT_PREFIX) && !variables.contains(name) && !SCRIPT_VARIABLES.contains(name)) {
                misspelled(name.substring(ENVIRONMENT_PREFIX.length()), keys).ifPresent(key -> warnings.add(
                        "environment variable " + name + " is not a setting (ignored); did you mean " + variable(key) + "?"));
            }
        }
        return warnings;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.longestName().equals(CONFIG_FLAG)) {
            return null;
        }
        if (option.typeInfo().isMap()) {
            return entries(option);
        }
        String fromEnvironment = environment.get(environmentVariable(option));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        String fromFile = file.getProperty(key(option));
        // null: picocli falls back to the option's declared default
        return fromFile != null ? fromFile.trim() : null;
    }

    /** A repeatable KEY=VALUE option's entries: the environment's lines, or else the file's keys. */
    private String entries(OptionSpec option) {
        List<String> entries = new ArrayList<>();
        String fromEnvironment = environment.get(environmentVariable(option));
        if (fromEnvironment != null) {
            fromEnvironment.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(entries::add);
        } else {
            String key = key(option);
            Optional.ofNullable(file.getProperty(key)).map(String::trim).ifPresent(entries::add);
            new TreeSet<>(file.stringPropertyNames()).stream().filter(name -> name.startsWith(key + "."))
                    .forEach(name -> entries.add(name.substring(key.length() + 1) + "=" + file.getProperty(name).trim()));
        }
        return entries.isEmpty() ? null : String.join(ENTRY_SEPARATOR, entries);
    }

    private static void collectMapKeys(CommandSpec root, Set<String> mapKeys) {
        root.options().stream().filter(option -> option.typeInfo().isMap()).forEach(option -> mapKeys.add(key(option)));
        root.subcommands().values().forEach(sub -> collectMapKeys(sub.getCommandSpec(), mapKeys));
    }

    private static String variable(String key) {
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    private static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
    }
}
