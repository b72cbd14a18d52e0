package org.elasticsearch.plugins;

import java.util.List;
import org.elasticsearch.Build;

/** The descriptor of a plugin given as a class, as Elasticsearch 9's constructor takes it (with a deployment target). */
final class ClasspathPluginDescriptor {

    private ClasspathPluginDescriptor() {
    }

    static PluginDescriptor of(Class<? extends Plugin> type) {
        return new PluginDescriptor(type.getName(), "loaded from the classpath", "NA", Build.current().version(),
                Integer.toString(Runtime.version().feature()), type.getName(), null, List.of(), false, false, false,
                false, PluginDescriptor.DeploymentTarget.ALL);
    }
}
