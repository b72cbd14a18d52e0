package io.tandem.ops.parity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Asks the old index each representative query as written, and the new index its translation (or the application's
 * own new-schema query, when the query file gives one); compares the answers and times both sides. Queries run one after the other, so that the timings do not disturb each other.
 */
public final class ParityRunner {

    static final String AS_WRITTEN = "the new index was asked the application's own newBody, as written, not a translation";

    private final IndexSearch old;
    private final IndexSearch neu;
    private final QueryTranslator translator;
    private final ParitySettings settings;

    public ParityRunner(IndexSearch old, IndexSearch neu, QueryTranslator translator, ParitySettings settings) {
        this.old = Objects.requireNonNull(old, "old");
        this.neu = Objects.requireNonNull(neu, "neu");
        this.translator = Objects.requireNonNull(translator, "translator");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Runs every query; {@code progress} hears of each result as it is known. */
    public ParityReport run(List<ParityQuery> queries, Consumer<QueryResult> progress) {
        Instant startedAt = Instant.now();
        List<QueryResult> results = new ArrayList<>();
        for (ParityQuery query : queries) {
            QueryResult result = run(query);
            results.add(result);
            progress.accept(result);
        }
        return new ParityReport(old.index(), neu.index(), startedAt, Instant.now(), settings, results);
    }

    private QueryResult run(ParityQuery query) {
        Translation translation;
        try {
            translation = query.asWrittenForNew()
                    .map(written -> new Translation(written, List.of(AS_WRITTEN)))
                    .orElseGet(() -> translator.translate(query.body()));
        } catch (UntranslatableQueryException e) {
            return new QueryResult(query, Outcome.UNTRANSLATABLE, List.of(e.getMessage()), List.of(), null, null, null,
                    null, null);
        }
        ObjectNode oldBody = query.body();
        ObjectNode newBody = translation.body();
        List<String> notes = new ArrayList<>(translation.notes());
        try {
            ObjectNode oldCounted = exactTotal(oldBody);
            ObjectNode newCounted = exactTotal(newBody);
            List<HitsComparison.Round> rounds = new ArrayList<>();
            rounds.add(askBoth(oldCounted, newCounted));
            List<String> differences = HitsComparison.differences(query.order(), rounds.get(0).old(), rounds.get(0).neu());
            List<String> first = differences;
            while (!differences.isEmpty() && !settings.recheckAfter().isZero() && rounds.size() <= settings.rechecks()) {
                Thread.sleep(settings.recheckAfter().toMillis()); // let refreshes and in-flight writes settle
                HitsComparison.Round round = askBoth(oldCounted, newCounted);
                rounds.add(round);
                differences = HitsComparison.differences(query.order(), round.old(), round.neu());
            }
            if (differences.isEmpty() && rounds.size() > 1) {
                notes.add("differed at first, agreed when asked again " + settings.recheckAfter().multipliedBy(rounds.size() - 1)
                        + " later: " + String.join("; ", first));
            } else if (!differences.isEmpty() && rounds.size() > 1) {
                List<String> persisting = HitsComparison.persisting(query.order(), rounds);
                if (persisting.isEmpty()) {
                    notes.add("differed in each of " + rounds.size() + " answers " + settings.recheckAfter()
                            + " apart, each time in other documents, as writes in flight make it; no difference "
                            + "was in every answer. First: " + String.join("; ", first) + ". Last: "
                            + String.join("; ", differences));
                }
                differences = persisting;
            }
            HitsComparison.Round last = rounds.get(rounds.size() - 1);
            Hits oldHits = last.old();
            Hits newHits = last.neu();
            List<Long> oldNanos = new ArrayList<>();
            List<Long> newNanos = new ArrayList<>();
            for (int i = 0; i < settings.warmupRuns() + settings.timedRuns(); i++) {
                // alternating, so that a slow moment of the machine hurts both sides alike
                long oldRun = time(old, "old", oldBody);
                long newRun = time(neu, "new", newBody);
                if (i >= settings.warmupRuns()) {
                    oldNanos.add(oldRun);
                    newNanos.add(newRun);
                }
            }
            return new QueryResult(query, differences.isEmpty() ? Outcome.SAME : Outcome.DIFFERENT, differences, notes,
                    newBody, oldHits, newHits, Latency.of(oldNanos), Latency.of(newNanos));
        } catch (SideFailure e) {
            return new QueryResult(query, Outcome.FAILED, List.of(e.getMessage()), notes, newBody, null, null, null,
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to ask '" + query.name() + "' again", e);
        }
    }

    /**
     * The body with {@code track_total_hits: true} unless it says otherwise, so that totals above the engines'
     * default cap of 10,000 are compared exactly.
     */
    private static ObjectNode exactTotal(ObjectNode body) {
        if (body.has("track_total_hits")) {
            return body;
        }
        ObjectNode counted = body.deepCopy();
        counted.put("track_total_hits", true);
        return counted;
    }

    /** Both indices asked at the same moment, so that writes between two requests do not make a difference. */
    private HitsComparison.Round askBoth(ObjectNode oldBody, ObjectNode newBody) {
        CompletableFuture<Hits> oldHits = CompletableFuture.supplyAsync(() -> ask(old, "old", oldBody));
        Hits newHits = null;
        SideFailure newFailure = null;
        try {
            newHits = ask(neu, "new", newBody);
        } catch (SideFailure e) {
            newFailure = e;
        }
        try {
            Hits oldAnswer = oldHits.join(); // the old side's failure is told first when both fail
            if (newFailure != null) {
                throw newFailure;
            }
            return new HitsComparison.Round(oldAnswer, newHits);
        } catch (CompletionException e) {
            throw e.getCause() instanceof SideFailure failure ? failure : e;
        }
    }

    private static Hits ask(IndexSearch search, String side, ObjectNode body) {
        try {
            return search.hits(body);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new SideFailure(side, search, e);
        }
    }

    private static long time(IndexSearch search, String side, ObjectNode body) {
        try {
            return search.nanos(body);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new SideFailure(side, search, e);
        }
    }

    /** A search refused or lost, said with the index it was sent to. */
    private static final class SideFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SideFailure(String side, IndexSearch search, RuntimeException cause) {
            super("the " + side + " index " + search.index() + " failed the query: " + cause.getMessage(), cause);
        }
    }
}
