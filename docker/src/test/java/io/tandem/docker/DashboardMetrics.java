package io.tandem.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Prometheus metric names a Grafana dashboard's queries use. */
final class DashboardMetrics {

    private static final Pattern METRIC = Pattern.compile("\\btandem_[a-z0-9_]+");

    private DashboardMetrics() {
    }

    static Set<String> names(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher matcher = METRIC.matcher(target.path("expr").asText());
                while (matcher.find()) {
                    names.add(matcher.group());
                }
            }
        }
        return names;
    }
}
