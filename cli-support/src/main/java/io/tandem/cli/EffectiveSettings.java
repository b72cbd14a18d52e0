package io.tandem.cli;

import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Renders the settings a command runs with, for the startup log, secrets masked. */
public final class EffectiveSettings {

    /** Options whose values must never be printed. */
    static final Set<String> SECRETS = Set.of("--target-password", "--target-api-key", "--source-password",
            "--source-api-key", "--kafka-sasl-jaas-config", "--kafka-ssl-truststore-password");

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
        boolean secret = SECRETS.contains(option.longestName())
                // a Kafka property given by hand may be a secret too
                || (option.longestName().equals("--kafka-property") && value.toString().toLowerCase().contains("password"));
        return secret ? "****" : value.toString();
    }
}
