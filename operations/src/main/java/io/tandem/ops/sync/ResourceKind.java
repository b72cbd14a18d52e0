package io.tandem.ops.sync;

import java.util.Locale;

/**
 * What schema sync copies, in the order it is applied: a template may name a lifecycle policy, a composable template
 * is composed of component templates, and an index picks up the templates that match its name when it is created.
 */
public enum ResourceKind {
    LIFECYCLE_POLICY("lifecycle policies"),
    LEGACY_TEMPLATE("legacy templates (_template)"),
    COMPONENT_TEMPLATE("component templates (_component_template)"),
    INDEX_TEMPLATE("composable index templates (_index_template)"),
    INDEX("indices");

    private final String heading;

    ResourceKind(String heading) {
        this.heading = heading;
    }

    /** For one resource: "legacy template messages"; the constant's name in words. */
    public String singular() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** For a section of a plan. */
    public String heading() {
        return heading;
    }
}
