package io.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 14: secrets from files, as Kubernetes mounts them; errors name the flag and the path, never the content. */
class SettingFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"s3cret|s3cret", "s3cret\\n|s3cret", "s3cret\\r\\n|s3cret",
            "s3cret\\n\\n|s3cret\\n", "'id:key with spaces \\n'|'id:key with spaces '"})
    void secretFileIsItsContentLessOneTrailingNewline(String content, String secret) throws IOException {
        Path file = write("password", unescape(content));

        assertThat(SettingFiles.secret("--target-password", null, "--target-password-file", file))
                .isEqualTo(unescape(secret));
    }

    @Test
    void aKeyGivenTwiceInAPropertiesFileIsRefusedNamingTheKeyNotTheValues() throws IOException {
        Path file = write("tandem.properties", "group=one\ntopic=t\ngroup=two-s3cret\ntopic=t\n");

        assertThatThrownBy(() -> SettingFiles.properties("--config", file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--config: " + file + " gives group, topic more than once; only the last would count: "
                        + "give each key once");
    }

    @Test
    void secretGivenOnlyDirectlyIsThatValue() {
        assertThat(SettingFiles.secret("--target-password", "direct", "--target-password-file", null)).isEqualTo("direct");
        assertThat(SettingFiles.secret("--target-password", null, "--target-password-file", null)).isNull();
    }

    @Test
    void secretGivenBothWaysIsAnErrorNamingBothFlags() throws IOException {
        Path file = write("password", "from-file\n");

        assertThatThrownBy(() -> SettingFiles.secret("--target-password", "direct", "--target-password-file", file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--target-password and --target-password-file: give one or the other, not both");
    }

    @Test
    void missingSecretFileIsAnErrorNamingTheFlagAndThePath() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> SettingFiles.secret("--source-api-key", null, "--source-api-key-file", missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--source-api-key-file: cannot read " + missing + " (")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unreadableSecretFileIsAnErrorNamingTheFlagAndThePath() {
        // a directory cannot be read as a file, whoever runs the test
        assertThatThrownBy(() -> SettingFiles.secret("--target-password", null, "--target-password-file", dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--target-password-file: cannot read " + dir + " (")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "\\n", "'  \\n'"})
    void emptySecretFileIsAnErrorNamingTheFlagAndThePath(String content) throws IOException {
        Path file = write("empty", unescape(content));

        assertThatThrownBy(() -> SettingFiles.secret("--target-password", null, "--target-password-file", file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--target-password-file: " + file + " is empty");
    }

    @Test
    void propertiesFileIsReadAsJavaProperties() throws IOException {
        Path file = write("kafka.properties", "# a comment\nsasl.mechanism=PLAIN\nsasl.jaas.config = x required;\n");

        assertThat(SettingFiles.properties("--kafka-properties-file", file))
                .containsEntry("sasl.mechanism", "PLAIN").containsEntry("sasl.jaas.config", "x required;").hasSize(2);
    }

    @Test
    void malformedPropertiesFileIsAnErrorNamingTheFlagAndThePathNotTheContent() throws IOException {
        Path file = write("bad.properties", "sasl.jaas.config=s3cret \\u12\n");

        assertThatThrownBy(() -> SettingFiles.properties("--kafka-properties-file", file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--kafka-properties-file: cannot read " + file + " (")
                .hasMessageNotContaining("s3cret");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}
