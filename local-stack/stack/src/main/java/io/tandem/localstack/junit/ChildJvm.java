package io.tandem.localstack.junit;

import io.tandem.localstack.child.EngineLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
