package io.tandem.ops.sync;

/**
 * What schema sync copies, in the order it is applied: a template may name a lifecycle policy, a composable template
 * is composed of component templates, and an index picks up the templates that match its name when it is created.
 */
public enum ResourceKind {
    LIFECYCLE_POLICY("lifecycle policy", "lifecycle policies"),
    LEGACY_TEMPLATE("legacy template", "legacy templates (_template)"),
    COMPONENT_TEMPLATE("component template", "component templates (_component_template)"),
    INDEX_TEMPLATE("index template", "composable index templates (_index_template)"),
    INDEX("index", "indices");

    private final String singular;
    private final String heading;

    ResourceKind(String singular, String heading) {
        this.singular = singular;
        this.heading = heading;
    }

    /** For one resource: "legacy template messages". */
    public String singular() {
        return singular;
    }

    /** For a section of a plan. */
    public String heading() {
        return heading;
    }
}
