package io.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Issue 14: --source/--target-password-file and --source/--target-api-key-file, from flags, the environment and the
 * settings file like every option, run through the real command-line setup.
 */
class ClusterSecretFilesTest {

    @TempDir
    Path dir;

    /** A command with both clusters that prints what it would connect with, and its startup line. */
    @Command(name = "clusters", mixinStandardHelpOptions = true)
    static final class BothClusters implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        SourceAndTargetOptions clusters;
        Clusters settings;

        @Override
        public Integer call() {
            settings = clusters.toSettings();
            spec.commandLine().getOut().println("starting with " + EffectiveSettings.describe(spec));
            return 0;
        }
    }

    private record Run(int exit, String out, String err, Clusters clusters) {
    }

    @Test
    void passwordFileFlagSetsTheTargetPassword() throws IOException {
        Path file = secret("es-s3cret\n");

        Run run = run(Map.of(), "--target-username", "tandem", "--target-password-file", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.clusters().target().password()).isEqualTo("es-s3cret");
        assertThat(run.clusters().source().password()).isNull();
    }

    @Test
    void apiKeyFileFlagSetsTheSourceApiKey() throws IOException {
        Path file = secret("id:api-s3cret\n");

        Run run = run(Map.of(), "--source-api-key-file", file.toString());

        assertThat(run.clusters().source().apiKey()).isEqualTo("id:api-s3cret");
    }

    @Test
    void passwordFileComesFromTheEnvironmentLikeEveryOption() throws IOException {
        Path file = secret("env-s3cret\n");

        Run run = run(Map.of("TANDEM_SOURCE_USERNAME", "old", "TANDEM_SOURCE_PASSWORD_FILE", file.toString()));

        assertThat(run.clusters().source().password()).isEqualTo("env-s3cret");
    }

    @Test
    void apiKeyFileComesFromTheSettingsFileLikeEveryOption() throws IOException {
        Path file = secret("id:conf-s3cret");
        Path config = Files.writeString(dir.resolve("tandem.properties"), "target-api-key-file=" + file + "\n");

        Run run = run(Map.of(), "--config", config.toString());

        assertThat(run.clusters().target().apiKey()).isEqualTo("id:conf-s3cret");
    }

    @Test
    void passwordAndPasswordFileTogetherAreAnErrorNamingBothFlags() throws IOException {
        Path file = secret("file-s3cret\n");

        Run run = run(Map.of("TANDEM_TARGET_PASSWORD", "env-s3cret"), "--target-username", "tandem",
                "--target-password-file", file.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).isEqualTo("clusters: --target-password and --target-password-file: give one or the "
                + "other, not both");
    }

    @Test
    void missingSecretFileIsAOneLineErrorNamingTheFlagAndThePath() {
        Path missing = dir.resolve("no-such-secret");

        Run run = run(Map.of(), "--source-username", "old", "--source-password-file", missing.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).startsWith("clusters: --source-password-file: cannot read " + missing + " (")
                .doesNotContain("\n");
    }

    @Test
    void emptySecretFileIsAOneLineErrorNamingTheFlagAndThePath() throws IOException {
        Path empty = secret("\n");

        Run run = run(Map.of(), "--target-api-key-file", empty.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).isEqualTo("clusters: --target-api-key-file: " + empty + " is empty");
    }

    @Test
    void errorAboutASecretReadFromAFileNamesItsFileFlag() throws IOException {
        Path file = secret("es-s3cret\n");

        Run run = run(Map.of(), "--target-password-file", file.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).isEqualTo("clusters: --target-username/--target-password-file: give both or neither")
                .doesNotContain("es-s3cret");
    }

    @Test
    void startupLineNeverShowsTheSecretsReadFromFiles() throws IOException {
        Path password = secret("pw-s3cret\n");
        Path apiKey = secret("id:key-s3cret\n");

        Run run = run(Map.of(), "--target-username", "tandem", "--target-password-file", password.toString(),
                "--source-api-key-file", apiKey.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--target-username=tandem", "--target-password-file=****",
                "--source-api-key-file=****").doesNotContain("s3cret");
    }

    @Test
    void helpNeverShowsSecretsFromTheEnvironment() {
        Run run = run(Map.of("TANDEM_TARGET_PASSWORD", "pw-s3cret", "TANDEM_SOURCE_API_KEY", "key-s3cret",
                "TANDEM_TARGET_PASSWORD_FILE", "/run/secrets/s3cret"), "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--target-password-file=FILE").doesNotContain("s3cret");
    }

    private Path secret(String content) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "secret", ""), content);
    }

    private static Run run(Map<String, String> environment, String... extra) {
        List<String> args = new ArrayList<>(List.of("--source-url", "http://old:9200", "--target-url", "http://new:9200"));
        args.addAll(List.of(extra));
        BothClusters command = new BothClusters();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CommandLines.execute("clusters", command, args.toArray(String[]::new), environment,
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString().strip(), command.settings);
    }
}
