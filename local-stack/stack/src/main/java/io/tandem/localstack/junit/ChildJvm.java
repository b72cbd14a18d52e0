package io.tandem.localstack.junit;

import io.tandem.localstack.child.EngineLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test support: runs a main class as its own JVM on this JVM's classpath — a program as users run it, to be stopped
 * with SIGTERM or killed with SIGKILL — behind the engines' launcher, so it cannot outlive this JVM. Output goes to a
 * log file. Stop it by PID; send SIGTERM with {@code process.toHandle().destroy()}: {@link Process#destroy()} would
 * also close its stdin, which the launcher reads as "parent gone".
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static Process start(String mainClass, List<String> jvmOptions, List<String> args, Path log) throws IOException {
        return start(mainClass, jvmOptions, args, log, Path.of("").toAbsolutePath());
    }

    /** The same, run in {@code workingDirectory}: relative paths in {@code args} resolve there, as in a user's shell. */
    public static Process start(String mainClass, List<String> jvmOptions, List<String> args, Path log,
                                Path workingDirectory) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineLauncher.class.getName(),
                Long.toString(ProcessHandle.current().pid()), mainClass));
        command.addAll(args);
        return new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /**
     * The whole command lines of {@code process} and its children, one per line, as {@code ps} shows them to every
     * user of the machine: read from {@code /proc} (Linux), since {@link ProcessHandle.Info} cuts them short.
     */
    public static String commandLines(Process process) {
        StringBuilder lines = new StringBuilder();
        Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants()).forEach(handle -> {
            try {
                byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(handle.pid()), "cmdline"));
                lines.append(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip()).append('\n');
            } catch (IOException ended) {
                // the process ended meanwhile: it shows nothing any more
            }
        });
        return lines.toString();
    }
}
