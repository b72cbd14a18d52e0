package io.tandem.localstack.child;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Runs a non-Java server (nginx) as this JVM's child, so that behind {@link EngineLauncher} it dies with the JVM that
 * started the stack like every engine does: when this JVM exits, its shutdown hook stops the child (SIGTERM, then
 * SIGKILL). The child's output is this process's, and its exit ends this process with the same status.
 *
 * <p>Copied alone onto the process's classpath: JDK classes only, no nested classes.
 *
 * <p>Usage: {@code ProxyMain <executable> [args...]}
 */
public final class ProxyMain {

    private static final long STOP_SECONDS = 10;

    private ProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        Process child = new ProcessBuilder(Arrays.asList(args)).inheritIO()
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "proxy-stop"));
        System.exit(child.waitFor());
    }

    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
        }
    }
}
