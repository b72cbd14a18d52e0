package io.tandem.localstack.child;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one codelibs Elasticsearch/OpenSearch runner node, in place of the runner's own {@code main}, which refuses
 * HTTP ports above 9299. Reflection keeps this class free of any engine's classes, so one copy serves all engines.
 *
 * <p>Usage: {@code SearchNodeMain <runner-class> [-nodeSetting key=value]... [runner args...]}. A node setting is
 * put into the runner's own settings, over the defaults it puts there (its node name "Node 1", its roles), which the
 * config file cannot override: how the second node of a cluster gets its name and roles.
 */
public final class SearchNodeMain {

    private static final long POLL_MILLIS = 1_000;
    private static final String NODE_SETTING = "-nodeSetting";

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
        Map<String, String> nodeSettings = new LinkedHashMap<>();
        List<String> runnerArgs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(NODE_SETTING)) {
                String[] keyValue = args[++i].split("=", 2);
                nodeSettings.put(keyValue[0], keyValue[1]);
            } else {
                runnerArgs.add(args[i]);
            }
        }
        if (!nodeSettings.isEmpty()) {
            putBeforeTheRunnersDefaults(runnerClass, runner, nodeSettings);
        }
        runnerClass.getMethod("build", String[].class).invoke(runner, (Object) runnerArgs.toArray(String[]::new));
        Method isClosed = runnerClass.getMethod("isClosed");
        while (!(Boolean) isClosed.invoke(runner)) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The runner's {@code onBuild(Builder)} hook, called with each node's settings builder before its defaults. */
    private static void putBeforeTheRunnersDefaults(Class<?> runnerClass, Object runner, Map<String, String> settings)
            throws ReflectiveOperationException {
        Class<?> hook = Class.forName(runnerClass.getName() + "$Builder");
        ClassLoader loader = runnerClass.getClassLoader();
        Object builder = Proxy.newProxyInstance(loader, new Class<?>[] {hook}, (proxy, method, args) -> {
            if (!method.getName().equals("build")) {
                // Object's methods, should anything ask
                return method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                        : method.getName().equals("equals") ? proxy == args[0] : "node settings " + settings;
            }
            Object settingsBuilder = args[1];
            Method put = settingsBuilder.getClass().getMethod("put", String.class, String.class);
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                put.invoke(settingsBuilder, setting.getKey(), setting.getValue());
            }
            return null;
        });
        runnerClass.getMethod("onBuild", hook).invoke(runner, builder);
    }
}
