package io.tandem.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Names the settings file; read before parsing by {@link SettingsDefaultProvider}, declared here for --help. With it
 * comes the log format: every command with settings has both.
 */
public final class ConfigFileOption {

    @Option(names = SettingsDefaultProvider.CONFIG_FLAG, paramLabel = "FILE",
            description = "Settings file (Java properties: one 'long-option-name=value' per line, e.g. target-url=http://..). "
                    + "Environment variables (TANDEM_TARGET_URL) override it; flags override both. Also TANDEM_CONFIG.")
    Path file;

    @Mixin
    LogFormatOption logFormat;
}
