package io.tandem.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.localstack.Engine;
import io.tandem.localstack.LocalStack;
import io.tandem.localstack.child.EngineLauncher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No engine process, nor any process an engine started (the secured engine's nginx), outlives the JVM that started
 * it: not after close(), and not after that JVM is killed -9.
 */
class NoOrphanEngineIT {

    private static final long GONE_WITHIN_SECONDS = 40;

    @Test
    void engineProcessesAndTheirChildrenExitWhenTheJvmThatStartedThemIsKilledWithSigkill() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // the holder itself runs behind EngineLauncher, so it cannot outlive this test JVM either
        Process holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                EngineLauncher.class.getName(), Long.toString(ProcessHandle.current().pid()),
                StackHolderMain.class.getName(), Engine.KAFKA.id(), Engine.ELASTICSEARCH_7_SECURED.id())
                .redirectErrorStream(true)
                .start();
        List<Long> enginePids = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.equals("READY"); line = out.readLine()) {
                if (line.startsWith("ENGINE ")) {
                    enginePids.add(Long.parseLong(line.split(" ")[2]));
                }
            }
            assertThat(enginePids).as("engine PIDs printed by the holder").hasSize(2);
            assertThat(enginePids).allMatch(OsProcesses::isRunning);
            // the engines, the proxy's JVM and nginx itself
            enginePids.addAll(holder.descendants().map(ProcessHandle::pid).filter(pid -> !enginePids.contains(pid)).toList());
            assertThat(holder.descendants().map(p -> p.info().command().orElse(""))).anyMatch(c -> c.endsWith("nginx"));

            holder.destroyForcibly(); // SIGKILL: no shutdown hook of the holder runs
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(awaitAllGone(enginePids)).as("processes still running %s s after their parent was killed",
                    GONE_WITHIN_SECONDS).isEmpty();
        } finally {
            holder.destroyForcibly();
            enginePids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void closingTheStackStopsEveryEngineProcess() throws Exception {
        List<Long> pids = new ArrayList<>();
        try (LocalStack stack = new LocalStack(new LocalProcessProvider())) {
            stack.start(List.of(Engine.KAFKA)).values().forEach(running -> pids.add(running.endpoint().pid().orElseThrow()));
            assertThat(pids).allMatch(OsProcesses::isRunning);
        }
        assertThat(pids).noneMatch(OsProcesses::isRunning);
    }

    private static List<Long> awaitAllGone(List<Long> pids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GONE_WITHIN_SECONDS);
        List<Long> running = pids;
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            running = running.stream().filter(OsProcesses::isRunning).toList();
        }
        return running;
    }
}
