package io.tandem.localstack.process;

import java.time.Duration;

/**
 * How local engine processes are started; read from system properties so that test runs and the CLI can tune them.
 *
 * @param heap         {@code -Xmx} of each engine JVM ({@code tandem.engine.heap}, default 512m)
 * @param startTimeout how long an engine may take to become ready ({@code tandem.engine.startTimeoutSeconds},
 *                     default 180: several engines starting at once on 2 cores are slow)
 */
public record LocalProcessSettings(String heap, Duration startTimeout) {

    public static LocalProcessSettings fromSystemProperties() {
        return new LocalProcessSettings(
                System.getProperty("tandem.engine.heap", "512m"),
                Duration.ofSeconds(Long.getLong("tandem.engine.startTimeoutSeconds", 180)));
    }
}
