package io.tandem.localstack.child;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * The first class of every engine process: it makes the engine die with the JVM that started it, then runs the
 * engine's own main class.
 *
 * <p>The parent holds the write end of this process's stdin and never writes to it. When the parent goes away for
 * any reason, also {@code kill -9}, the kernel closes that pipe, our read sees end-of-file and we exit. The parent's
 * PID is also polled as a second signal. Exit goes through {@link System#exit} so the engine's shutdown hooks stop it
 * cleanly; {@link Runtime#halt} follows if they hang.
 *
 * <p>This class is copied alone onto the engine's classpath, so it uses nothing but the JDK, and has no nested
 * classes.
 *
 * <p>Usage: {@code EngineLauncher <parent-pid> <main-class> [args...]}
 */
public final class EngineLauncher {

    private static final long HALT_AFTER_MILLIS = 20_000;

    private EngineLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: EngineLauncher <parent-pid> <main-class> [args...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        startDaemon("parent-stdin-watch", EngineLauncher::exitWhenStdinCloses);
        startDaemon("parent-pid-watch", () -> exitWhenParentDies(parentPid));

        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenStdinCloses() {
        byte[] buffer = new byte[256];
        try (InputStream in = System.in) {
            while (in.read(buffer) >= 0) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as end-of-file
        }
        stop("the parent closed our stdin");
    }

    private static void exitWhenParentDies(long parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        while (parent.isPresent() && parent.get().isAlive()) {
            sleep(1_000);
        }
        stop("parent process " + parentPid + " is gone");
    }

    private static void stop(String why) {
        System.err.println("[tandem-engine-launcher] stopping: " + why);
        startDaemon("halt-if-exit-hangs", () -> {
            sleep(HALT_AFTER_MILLIS);
            Runtime.getRuntime().halt(3);
        });
        System.exit(0);
    }

    private static void startDaemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
