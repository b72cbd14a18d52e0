package io.tandem.app.operate;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How old a stored verification or parity result may be to count, for cutover and status alike. */
public final class MaxResultAgeOption {

    @Option(names = "--max-result-age", defaultValue = "PT1H", paramLabel = "DURATION",
            description = "How old the stored verification (and parity) result may be to count (default: "
                    + "${DEFAULT-VALUE}).")
    Duration maxResultAge;

    public Duration value() {
        return maxResultAge;
    }
}
