package io.tandem.localstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocalStackCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void unknownEngineIsAUsageErrorThatListsTheValidIds() {
        int exit = LocalStackCommand.run(new String[] {"--engines", "kafka,solr"}, print(out), print(err));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown engine 'solr'; valid: kafka, elasticsearch-7, elasticsearch-6, opensearch-2, opensearch-3");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpNamesTheDefaultEngines() {
        int exit = LocalStackCommand.run(new String[] {"--help"}, print(out), print(err));
        assertThat(exit).isZero();
        // picocli wraps the help text: compare without white space
        assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", "")).contains("default:kafka,elasticsearch-7,opensearch-2");
    }

    private static PrintStream print(ByteArrayOutputStream target) {
        return new PrintStream(target, true, StandardCharsets.UTF_8);
    }
}
