package org.elasticsearch.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.env.Environment;

/**
 * The plugins of a node given as classes on this JVM's classpath, instead of directories of plugin jars with their
 * descriptors (which the published artifacts do not carry). In this package for the package-private parts of
 * {@link PluginsService} it builds on. Elasticsearch 9's form of engine-elasticsearch-8-node's: its loader is built
 * without the server's module exports (there is no module layer here) and its descriptors name a deployment target.
 */
public final class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> loaded;

    public ClasspathPluginsService(Environment environment, Collection<Class<? extends Plugin>> classes) {
        super(environment.settings(), environment.configDir(), new PluginsLoader(Set.of(), Set.of(), Map.of()));
        List<LoadedPlugin> plugins = new ArrayList<>();
        for (Class<? extends Plugin> type : classes) {
            PluginDescriptor descriptor = new PluginDescriptor(type.getName(), "loaded from the classpath", "NA",
                    Build.current().version(), Integer.toString(Runtime.version().feature()), type.getName(), null,
                    List.of(), false, false, false, false, PluginDescriptor.DeploymentTarget.ALL);
            plugins.add(new LoadedPlugin(descriptor, loadPlugin(type, environment.settings(), environment.configDir()),
                    type.getClassLoader()));
        }
        loadExtensions(plugins);
        loaded = List.copyOf(plugins);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return loaded;
    }

    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(loaded.stream().map(LoadedPlugin::descriptor).map(PluginRuntimeInfo::new).toList(),
                List.of());
    }
}
