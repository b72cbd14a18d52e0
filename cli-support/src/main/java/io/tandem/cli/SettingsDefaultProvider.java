package io.tandem.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where a setting comes from when its flag is not given: the environment ({@code --target-url} is
 * {@code TANDEM_TARGET_URL}), then the settings file ({@code target-url=...}), then the option's own default. So flags
 * override the environment, which overrides the file. Every setting is one picocli option, documented where it is
 * declared.
 */
public final class SettingsDefaultProvider implements IDefaultValueProvider {

    /** The flag naming the settings file; also read as TANDEM_CONFIG. */
    public static final String CONFIG_FLAG = "--config";

    private final Map<String, String> environment;
    private final Properties file;

    SettingsDefaultProvider(Map<String, String> environment, Properties file) {
        this.environment = environment;
        this.file = file;
    }

    /** Reads the settings file named by {@code --config FILE} / {@code --config=FILE} in args, or by TANDEM_CONFIG. */
    public static SettingsDefaultProvider fromArgs(String[] args, Map<String, String> environment) {
        Properties file = configPath(args, environment).map(path -> SettingFiles.properties(CONFIG_FLAG, path))
                .orElseGet(Properties::new);
        return new SettingsDefaultProvider(environment, file);
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
        return "TANDEM_" + key(option).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** The settings-file key of an option: its long name without dashes. */
    public static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^--", "");
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.longestName().equals(CONFIG_FLAG)) {
            return null;
        }
        String fromEnvironment = environment.get(environmentVariable(option));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        String fromFile = file.getProperty(key(option));
        // null: picocli falls back to the option's declared default
        return fromFile != null ? fromFile.trim() : null;
    }
}
