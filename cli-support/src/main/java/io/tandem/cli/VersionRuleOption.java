package io.tandem.cli;

import io.tandem.core.sink.VersionRule;
import picocli.CommandLine.Option;

/** The version a copied document is written with: the backfill's copies and the copies of verify --repair. */
public final class VersionRuleOption {

    @Option(names = "--version-rule", defaultValue = "lowest", paramLabel = "RULE",
            description = "Version of each copy: lowest (0: any live write wins, a delete is never undone), "
                    + "source-version (the old index's external _version, when it is of the same space), or "
                    + "field:<path> (default: ${DEFAULT-VALUE}).")
    String rule;

    /** The rule; an unknown one is an error naming --version-rule. */
    public VersionRule parse() {
        return VersionRule.parse(rule);
    }
}
