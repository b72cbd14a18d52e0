package io.tandem.cli;

import io.tandem.core.cluster.ClusterSettings;
import picocli.CommandLine.Mixin;

/** What every command that works on the new cluster alone starts with: the settings file, then the target cluster. */
public final class TargetOptions {

    @Mixin
    ConfigFileOption config;
    @Mixin
    TargetClusterOptions target;

    /** The target's settings, the secret and CA files read: errors name the flags. */
    public ClusterSettings toSettings() {
        return target.toSettings();
    }
}
