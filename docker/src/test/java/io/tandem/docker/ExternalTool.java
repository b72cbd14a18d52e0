package io.tandem.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a tool bin/install-prerequisites installs (docker-compose, promtool) and returns what it said. */
final class ExternalTool {

    private ExternalTool() {
    }

    /**
     * Runs {@code command} in {@code directory}; fails on a non-zero exit, or when it outlasts {@code timeout} (it is
     * killed then), with what it said.
     */
    static String run(Path directory, List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path output = Files.createTempFile("tool", ".out");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
            } catch (IOException notInstalled) {
                throw new AssertionError(command.get(0) + " is not installed: run bin/install-prerequisites", notInstalled);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(command + " said:\n" + text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
