package io.tandem.localstack.process;

import io.tandem.localstack.child.EngineLauncher;
import io.tandem.localstack.child.ProxyMain;
import io.tandem.localstack.child.SearchNodeMain;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One JVM child process running an engine's main class behind {@link EngineLauncher}, which makes it exit when this
 * JVM goes away. Output goes to a log file; stop is by PID: stdin closed (a clean stop), then SIGTERM, then SIGKILL.
 */
final class EngineProcess implements AutoCloseable {

    private static final long GRACEFUL_STOP_SECONDS = 30;
    private static final long TERM_STOP_SECONDS = 10;

    private final String name;
    private final Process process;
    private final Path logFile;
    /** How it was started, to start it again. */
    private final ProcessBuilder builder;

    private EngineProcess(String name, Process process, Path logFile, ProcessBuilder builder) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.builder = builder;
    }

    /**
     * Starts {@code mainClass} in a new JVM.
     *
     * @param workDir holds the launcher class and the log file
     */
    static EngineProcess start(String name, Path java, List<String> jvmOptions, List<Path> classpath,
                               String mainClass, List<String> args, Path workDir) {
        return start(name, java, jvmOptions, classpath, mainClass, args, workDir, Map.of());
    }

    /** As {@link #start(String, Path, List, List, String, List, Path)}, with {@code environment} added to ours. */
    static EngineProcess start(String name, Path java, List<String> jvmOptions, List<Path> classpath,
                               String mainClass, List<String> args, Path workDir, Map<String, String> environment) {
        Path launcherDir = installLauncher(workDir);
        Path logFile = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(Stream.concat(Stream.of(launcherDir), classpath.stream())
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(EngineLauncher.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            builder.directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // stdin stays a pipe that we never write to: its end-of-file tells the child we are gone
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            return new EngineProcess(name, builder.start(), logFile, builder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " with " + java, e);
        }
    }

    /** The same command started again (once this process is gone), its output appended to the same log. */
    EngineProcess startAgain() {
        try {
            return new EngineProcess(name, builder.start(), logFile, builder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " again", e);
        }
    }

    /** SIGKILL to the process and everything it started, as a crash: no shutdown hook runs; returns once they are gone. */
    void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(TERM_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** Waits for a short-lived process (a tool run) and returns its exit code; kills it when it overruns. */
    int awaitExit(long timeoutSeconds) {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                close();
                throw new IllegalStateException(name + " did not finish within " + timeoutSeconds + " s; log:\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** The last lines of the log, for error messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    /** Stops the process and everything it started, by PID, and waits until they are gone. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the pipe is already closed: the child sees end-of-file either way
        }
        try {
            if (!process.waitFor(GRACEFUL_STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(TERM_STOP_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(TERM_STOP_SECONDS, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Copies the JDK-only child classes alone into {@code workDir/launcher}, so no other class of ours (nor our
     * dependencies) meets the engine's classes.
     */
    private static Path installLauncher(Path workDir) {
        Path launcherDir = workDir.resolve("launcher");
        for (Class<?> childClass : List.of(EngineLauncher.class, SearchNodeMain.class, ProxyMain.class)) {
            String resource = childClass.getName().replace('.', '/') + ".class";
            Path target = launcherDir.resolve(resource);
            try (InputStream in = EngineProcess.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from local-stack");
                }
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return launcherDir;
    }
}
