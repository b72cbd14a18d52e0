package io.tandem.localstack.child;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs one codelibs Elasticsearch/OpenSearch runner node, in place of the runner's own {@code main}, which refuses
 * HTTP ports above 9299. Reflection keeps this class free of any engine's classes, so one copy serves all engines.
 *
 * <p>Usage: {@code SearchNodeMain <runner-class> [runner args...]}
 */
public final class SearchNodeMain {

    private static final long POLL_MILLIS = 1_000;

    private SearchNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> runnerClass = Class.forName(args[0]);
        Object runner = runnerClass.getConstructor().newInstance();
        // a negative maximum makes the runner take the port it is given, whatever its number
        runnerClass.getMethod("setMaxHttpPort", int.class).invoke(runner, -1);
        try {
            // the 6.8 runner picks the transport port itself (the first of 9300+ it cannot connect to, a race with any
            // other node starting): like the HTTP port, take the one given
            runnerClass.getMethod("setMaxTransportPort", int.class).invoke(runner, -1);
        } catch (NoSuchMethodException newerRunner) {
            // newer runners leave the transport port to the node's config file
        }
        Method close = runnerClass.getMethod("close");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close.invoke(runner);
            } catch (ReflectiveOperationException e) {
                e.printStackTrace();
            }
        }, "search-node-close"));
        runnerClass.getMethod("build", String[].class).invoke(runner, (Object) Arrays.copyOfRange(args, 1, args.length));
        Method isClosed = runnerClass.getMethod("isClosed");
        while (!(Boolean) isClosed.invoke(runner)) {
            Thread.sleep(POLL_MILLIS);
        }
    }
}
