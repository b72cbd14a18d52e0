package io.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.sink.BulkSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Issue 14: the bulk flags' defaults are BulkSettings' own, declared once, and --help shows them. */
class BulkOptionsTest {

    @Command(name = "bulk")
    static final class WithBulk {
        @Mixin
        BulkOptions bulk;
    }

    @Test
    void bulkFlagsNotGivenAreBulkSettingsDefaults() {
        WithBulk command = new WithBulk();
        new CommandLine(command).parseArgs();

        assertThat(command.bulk.toSettings()).isEqualTo(BulkSettings.defaults());
    }

    @Test
    void helpShowsBulkSettingsDefaults() {
        String help = new CommandLine(new WithBulk()).getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(help).contains("(default: " + BulkSettings.DEFAULT_MAX_DOCS + ")",
                "(default: " + BulkSettings.DEFAULT_MAX_BYTES + ")", "(default: PT0.2S)");
    }
}
