package io.tandem.cli;

import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Renders the settings a command runs with, for the startup log, secrets masked by {@link SecretNames}: an option
 * whose name is secret ({@code --target-password}), and in a map option ({@code --kafka-property KEY=VALUE}) each entry
 * whose key is ({@code sasl.jaas.config}), the others shown.
 */
public final class EffectiveSettings {

    private EffectiveSettings() {
    }

    public static String describe(CommandSpec spec) {
        return spec.options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp())
                .map(o -> o.longestName() + "=" + render(o))
                .collect(Collectors.joining(" "));
    }

    private static String render(OptionSpec option) {
        Object value = option.getValue();
        if (value == null) {
            return "-";
        }
        if (SecretNames.isSecret(option.longestName())) {
            return SecretNames.MASK;
        }
        // a Kafka property given by hand may be a secret too
        return value instanceof Map<?, ?> map ? SecretNames.masked(map).toString() : value.toString();
    }
}
