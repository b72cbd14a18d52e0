package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: dead letters sent to the command topic itself would come back as commands, be dead-lettered again, and
 * so on: {@code run} refuses that setting before it connects to anything.
 */
class DeadLetterTopicSettingTest {

    private static final Path CONTRACT = Path.of("src/test/resources/messages-v2.json").toAbsolutePath();
    // nothing listens there: getting past the settings would fail differently
    private static final List<String> RUN = List.of("run", "--target-url", "http://127.0.0.1:1", "--kafka-bootstrap",
            "127.0.0.1:1", "--topic", "commands", "--group", "g", "--index", "v2", "--mapping-file", CONTRACT.toString());

    @Test
    void deadLetterTopicEqualToTheTopicIsRefusedNamingBothFlags() {
        StringWriter err = new StringWriter();

        int exit = run(err, "--dead-letter-topic", "commands");

        assertThat(exit).isNotZero();
        assertThat(err.toString().strip()).isEqualTo("tandem: --dead-letter-topic: must differ from --topic, "
                + "or dead letters would be read back as commands; both were commands");
    }

    @Test
    void blankDeadLetterTopicIsRefusedNamingTheFlag() {
        StringWriter err = new StringWriter();

        int exit = run(err, "--dead-letter-topic", " ");

        assertThat(exit).isNotZero();
        assertThat(err.toString().strip()).isEqualTo("tandem: --dead-letter-topic: must not be blank");
    }

    private static int run(StringWriter err, String... extra) {
        List<String> args = new ArrayList<>(RUN);
        args.addAll(List.of(extra));
        return IndexerCommand.execute(args.toArray(String[]::new), Map.of(), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
    }
}
