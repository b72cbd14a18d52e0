package io.tandem.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints each phase of the demo as it starts and ends, and keeps what each one reported for the final report. */
final class PhaseLog {

    /** One finished phase. */
    record Phase(int number, String name, Duration took, String outcome) {
    }

    /** A phase in progress; {@link #done} ends it. */
    final class Step {
        private final int number;
        private final String name;
        private final long started = System.nanoTime();

        private Step(int number, String name) {
            this.number = number;
            this.name = name;
        }

        void done(String outcome) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            phases.add(new Phase(number, name, took, outcome));
            out.printf(Locale.ROOT, "      done in %s: %s%n", seconds(took), outcome);
        }
    }

    private final PrintStream out;
    private final int total;
    private final List<Phase> phases = new ArrayList<>();
    private int next = 1;

    PhaseLog(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    Step begin(String name) {
        out.printf(Locale.ROOT, "[%d/%d] %s%n", next, total, name);
        return new Step(next++, name);
    }

    void note(String line) {
        out.println("      " + line);
    }

    List<Phase> phases() {
        return List.copyOf(phases);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
