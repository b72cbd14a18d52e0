package org.elasticsearch.node;

import io.tandem.localstack.esnode.FoldingAnalysisPlugin;
import io.tandem.localstack.esnode.RootEndpointPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * A single Elasticsearch 8 or 9 node in this JVM, with the netty4 HTTP and transport and the root endpoint as classpath
 * plugins (and analysis-common's asciifolding): the server's REST layer, mappings, versioned indexing and search,
 * without x-pack (no ILM, painless; security only as SecuredSingleNode of the 8 node) or the other modules, which are
 * not published. In this package for the package-private construction hooks of {@link Node}.
 *
 * <p>Usage: {@code SingleNode <http-port> <transport-port> <cluster-name> <home-dir>}; stops on SIGTERM.
 */
public final class SingleNode extends Node {

    private SingleNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(environment, null, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment initial, PluginsLoader loader) {
                return new ClasspathPluginsService(initial, plugins);
            }
        }, true));
    }

    public static void main(String[] args) throws Exception {
        run(args, Settings.EMPTY, List.of());
    }

    /**
     * Starts the node of {@code args} (the usage above) with {@code extraSettings} and {@code extraPlugins} added
     * (what a secured node adds), and blocks until the JVM stops.
     */
    public static void run(String[] args, Settings extraSettings, List<Class<? extends Plugin>> extraPlugins)
            throws Exception {
        Path home = Path.of(args[3]);
        Settings settings = Settings.builder().put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString()).put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", args[2]).put("node.name", "node_1").put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1").put("http.port", args[0]).put("transport.port", args[1])
                // the test machine's disk may be fuller than the watermarks; this node must still allocate shards
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                // expired scrolls and points in time freed within a second rather than a minute, as tests expect
                .put("search.keep_alive_interval", "1s").put(extraSettings).build();
        LogConfigurator.configureESLogging();
        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "node_1");
        List<Class<? extends Plugin>> plugins = new ArrayList<>(List.of(Netty4Plugin.class, RootEndpointPlugin.class,
                FoldingAnalysisPlugin.class));
        plugins.addAll(extraPlugins);
        SingleNode node = new SingleNode(environment, plugins);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "node-close"));
        node.start();
        Thread.currentThread().join();
    }
}
