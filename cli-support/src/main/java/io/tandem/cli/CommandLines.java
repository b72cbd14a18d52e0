package io.tandem.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** How every Tandem command line runs: settings from flags, environment and file; errors in one line. */
public final class CommandLines {

    /** Exit status of a wrong or missing setting. */
    public static final int USAGE_ERROR = 2;
    /** Exit status of a refusal or failure at run time. */
    public static final int FAILURE = 1;

    private CommandLines() {
    }

    /**
     * The command line of {@code command} in the house style, given here once rather than on every {@code @Command}:
     * each command and subcommand has --help and --version, an abbreviated synopsis ({@code [OPTIONS]}) and its
     * options listed in the order they are declared, which groups them by concern.
     */
    public static CommandLine create(Object command) {
        CommandLine cli = new CommandLine(command);
        applyHouseStyle(cli);
        return cli;
    }

    private static void applyHouseStyle(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        if (!spec.mixinStandardHelpOptions()) {
            spec.mixinStandardHelpOptions(true);
        }
        spec.usageMessage().abbreviateSynopsis(true).sortOptions(false);
        cli.getSubcommands().values().forEach(CommandLines::applyHouseStyle);
    }

    /**
     * Runs {@code command} with {@code args}. A wrong or missing setting is one line naming it (exit 2); a refusal
     * or failure at run time is one line saying why (exit 1).
     */
    public static int execute(String name, Object command, String[] args, Map<String, String> environment,
                              PrintWriter out, PrintWriter err) {
        CommandLine cli = create(command).setOut(out).setErr(err);
        try {
            SettingsDefaultProvider settings = SettingsDefaultProvider.fromArgs(args, environment);
            settings.refuseMisspelledKeys(cli.getCommandSpec());
            settings.misspelledVariables(cli.getCommandSpec()).forEach(warning -> err.println(name + ": " + warning));
            cli.setDefaultValueProvider(settings);
        } catch (IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            return USAGE_ERROR;
        }
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println(name + ": " + e.getMessage().lines().findFirst().orElse("") + " (see --help)");
            return USAGE_ERROR;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(name + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILURE;
        });
        return cli.execute(args);
    }
}
