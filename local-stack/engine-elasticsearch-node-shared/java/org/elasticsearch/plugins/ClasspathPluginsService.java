package org.elasticsearch.plugins;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.env.Environment;

/**
 * The plugins of a node given as classes on this JVM's classpath, instead of directories of plugin jars with their
 * descriptors (which the published artifacts do not carry). In this package for the package-private parts of
 * {@link PluginsService} it builds on. The descriptor, whose constructor Elasticsearch 9 changed, comes from each
 * node module's {@link ClasspathPluginDescriptor}.
 */
public final class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> loaded;

    public ClasspathPluginsService(Environment environment, Collection<Class<? extends Plugin>> classes) {
        super(environment.settings(), environment.configDir(), new PluginsLoader(Set.of(), Set.of(), Map.of()));
        List<LoadedPlugin> plugins = new ArrayList<>();
        for (Class<? extends Plugin> type : classes) {
            PluginDescriptor descriptor = ClasspathPluginDescriptor.of(type);
            plugins.add(new LoadedPlugin(descriptor, loadPlugin(type, environment.settings(), environment.configDir()),
                    type.getClassLoader()));
        }
        loadExtensions(plugins);
        loaded = List.copyOf(plugins);
    }

    /**
     * Each provider once, built with the plugin its constructor takes. The plugins here share one class loader, so the
     * per-plugin lookup of {@link PluginsService} would find every provider once per plugin, and offer it each time
     * to that plugin (x-pack's providers refuse any but their own).
     */
    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        List<T> providers = new ArrayList<>();
        for (ServiceLoader.Provider<T> provider : ServiceLoader.load(service, getClass().getClassLoader()).stream().toList()) {
            providers.add(construct(provider.type(), service));
        }
        return providers;
    }

    /** With the loaded plugin its constructor takes, else with no argument. */
    private <T> T construct(Class<? extends T> type, Class<T> service) {
        try {
            for (Constructor<?> constructor : type.getConstructors()) {
                for (LoadedPlugin plugin : loaded) {
                    if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0].isInstance(plugin.instance())) {
                        return service.cast(constructor.newInstance(plugin.instance()));
                    }
                }
            }
            return service.cast(type.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName() + " for " + service.getName(), e);
        }
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
