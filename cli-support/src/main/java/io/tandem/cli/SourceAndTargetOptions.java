package io.tandem.cli;

import picocli.CommandLine.Mixin;

/**
 * What every command reading the old cluster and writing the new one starts with: the settings file, then both
 * clusters.
 */
public final class SourceAndTargetOptions {

    @Mixin
    ConfigFileOption config;
    @Mixin
    SourceClusterOptions source;
    @Mixin
    TargetClusterOptions target;

    /** Both clusters' settings, every file they name read: call it before connecting to either. */
    public Clusters toSettings() {
        return new Clusters(source.toSettings(), target.toSettings());
    }
}
