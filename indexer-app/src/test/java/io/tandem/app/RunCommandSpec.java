package io.tandem.app;

import io.tandem.cli.CommandLines;
import picocli.CommandLine;

/** Parses `run` options the way the CLI does, without running anything, for tests of the settings. */
public final class RunCommandSpec {

    private RunCommandSpec() {
    }

    public static CommandLine parse(String[] args, CommandLine.IDefaultValueProvider defaults) {
        CommandLine cli = CommandLines.create(new RunCommand());
        cli.setDefaultValueProvider(defaults);
        cli.parseArgs(args);
        return cli;
    }
}
