package io.tandem.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --target names an engine the demo can start and migrate to; the others are refused before anything starts. */
class DemoTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "elasticsearch-6", "elasticsearch-7-secured", "opensearch-2-secured", "kafka-sasl-ssl"})
    void aTargetTheDemoCannotMigrateToIsRefusedInOneLineNamingTheValidOnes(String target, @TempDir Path workDir) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        StringWriter errors = new StringWriter();

        int exit = DemoCommand.execute(new String[] {"--target", target, "--work-dir", workDir.toString()}, Map.of(),
                new PrintStream(output, true, StandardCharsets.UTF_8), new PrintWriter(errors, true));

        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString().strip()).startsWith("tandem-demo: --target must be a newer search engine than the old "
                + "Elasticsearch 7.10: elasticsearch-7 (same cluster), opensearch-2, opensearch-3, elasticsearch-8 or "
                + "elasticsearch-9; was " + target).doesNotContain("\n");
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("starting");
    }
}
