package io.tandem.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The demo's final report: every phase with its time and outcome, and the figures a reviewer asks for. */
record MigrationReport(Instant finishedAt, DemoSettings settings, DemoSettings.Endpoints clusters, List<PhaseLog.Phase> phases,
                       int oldMappedFields, LiveTraffic.Counts traffic, EndStateCheck.Result endState, List<String> facts) {

    boolean passed() {
        return endState != null && endState.passed();
    }

    Duration total() {
        return phases.stream().map(PhaseLog.Phase::took).reduce(Duration.ZERO, Duration::plus);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Tandem live migration report\n\n");
        md.append(String.format(Locale.ROOT, "%s: %s `%s` -> %s `%s`, %,d seeded messages, live traffic ~%d commands/s.%n%n",
                finishedAt, "Elasticsearch 7.10", DemoSettings.OLD_INDEX, settings.target().displayName(), DemoSettings.NEW_INDEX,
                settings.documents(), settings.commandsPerSecond()));
        md.append("**Result: ").append(passed() ? "PASSED" : "FAILED").append("** — ")
                .append(endState == null ? "the end state was not checked" : endState.summary()).append("\n\n");
        md.append("| # | phase | time | outcome |\n|---|---|---|---|\n");
        for (PhaseLog.Phase phase : phases) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s |%n", phase.number(), phase.name(),
                    PhaseLog.seconds(phase.took()), phase.outcome().replace("\n", "<br>").replace("|", "\\|")));
        }
        md.append(String.format(Locale.ROOT, "%nTotal: %s.%n%n## Figures%n%n", PhaseLog.seconds(total())));
        md.append(String.format(Locale.ROOT, "- Old mapping: %,d fields (the new one is fixed: `tags` is `[{keyToValue, value}]`)%n", oldMappedFields));
        if (traffic != null) {
            md.append(String.format(Locale.ROOT, "- Live commands during the migration: %,d creates, %,d updates, %,d deletes%n",
                    traffic.creates(), traffic.updates(), traffic.deletes()));
        }
        facts.forEach(fact -> md.append("- ").append(fact).append('\n'));
        if (endState != null) {
            md.append(String.format(Locale.ROOT, "- End state: old %,d documents, new %,d; missing %d, extra %d, different %d%n",
                    endState.oldDocuments(), endState.newDocuments(), endState.missing(), endState.extra(), endState.different()));
        }
        return md.toString();
    }

    /** Collects the report's parts as the phases produce them. */
    static final class Builder {
        private final DemoSettings settings;
        private final DemoSettings.Endpoints clusters;
        private final List<String> facts = new ArrayList<>();
        private int oldMappedFields;
        private LiveTraffic.Counts traffic;
        private EndStateCheck.Result endState;

        Builder(DemoSettings settings, DemoSettings.Endpoints clusters) {
            this.settings = settings;
            this.clusters = clusters;
        }

        void oldMappedFields(int fields) {
            this.oldMappedFields = fields;
        }

        void traffic(LiveTraffic.Counts counts) {
            this.traffic = counts;
        }

        void endState(EndStateCheck.Result result) {
            this.endState = result;
        }

        void fact(String fact) {
            facts.add(fact);
        }

        MigrationReport build(List<PhaseLog.Phase> phases) {
            return new MigrationReport(Instant.now(), settings, clusters, phases, oldMappedFields, traffic, endState, List.copyOf(facts));
        }
    }
}
