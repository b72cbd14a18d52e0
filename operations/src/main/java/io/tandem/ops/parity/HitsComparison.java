package io.tandem.ops.parity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The differences between the old and the new index's answers to one query, in words for the report. */
final class HitsComparison {

    /** Ids listed per difference; the counts say how many there are in all. */
    static final int IDS_SHOWN = 10;

    private HitsComparison() {
    }

    /** Empty when the answers agree: same total, and the same ids, at the same positions for {@code ORDERED}. */
    static List<String> differences(ResultOrder order, Hits old, Hits neu) {
        List<String> differences = new ArrayList<>();
        if (!old.total().equals(neu.total())) {
            differences.add("total hits: old " + old.total().map(Object::toString).orElse("not tracked")
                    + ", new " + neu.total().map(Object::toString).orElse("not tracked"));
        }
        Set<String> onlyOld = new LinkedHashSet<>(old.ids());
        onlyOld.removeAll(neu.ids());
        Set<String> onlyNew = new LinkedHashSet<>(neu.ids());
        onlyNew.removeAll(old.ids());
        if (!onlyOld.isEmpty()) {
            differences.add(listed("ids only in the old answer", onlyOld));
        }
        if (!onlyNew.isEmpty()) {
            differences.add(listed("ids only in the new answer", onlyNew));
        }
        if (onlyOld.isEmpty() && onlyNew.isEmpty() && old.ids().size() != neu.ids().size()) {
            differences.add("hits returned: old " + old.ids().size() + ", new " + neu.ids().size());
        }
        boolean sameIds = onlyOld.isEmpty() && onlyNew.isEmpty() && old.ids().size() == neu.ids().size();
        if (order == ResultOrder.ORDERED && sameIds && !old.ids().equals(neu.ids())) {
            int position = 0;
            while (old.ids().get(position).equals(neu.ids().get(position))) {
                position++;
            }
            differences.add("same ids in another order: first difference at position " + (position + 1) + " of "
                    + old.ids().size() + ": old " + old.ids().get(position) + ", new " + neu.ids().get(position));
        }
        return differences;
    }

    /** Both indices' answers to one query, asked at the same moment. */
    record Round(Hits old, Hits neu) {
    }

    /**
     * The differences found in every round, for answers that never agreed. A write in flight (applied on one side,
     * not yet on the other) makes answers differ for a second or two, and differently each time; a query that the
     * new schema answers otherwise keeps missing the same documents: the same id on the same side, the same order
     * difference, or the same difference between the totals. Empty when no difference was in every round.
     */
    static List<String> persisting(ResultOrder order, List<Round> rounds) {
        List<String> persisting = new ArrayList<>();
        Set<Long> totalDeltas = new LinkedHashSet<>();
        Set<String> onlyOld = null;
        Set<String> onlyNew = null;
        Set<String> otherOrder = new LinkedHashSet<>();
        for (Round round : rounds) {
            totalDeltas.add(totalDelta(round).orElse(null));
            onlyOld = retained(onlyOld, only(round.old(), round.neu()));
            onlyNew = retained(onlyNew, only(round.neu(), round.old()));
            List<String> differences = differences(order, round.old(), round.neu());
            otherOrder.add(differences.stream().filter(d -> d.startsWith("same ids in another order")
                    || d.startsWith("hits returned")).findFirst().orElse(""));
        }
        Round last = rounds.get(rounds.size() - 1);
        if (totalDeltas.size() == 1 && totalDeltas.iterator().next() != null && totalDeltas.iterator().next() != 0) {
            persisting.add("total hits: old " + last.old().total().orElseThrow() + ", new " + last.neu().total().orElseThrow()
                    + ", a difference of " + totalDeltas.iterator().next() + " in each of " + rounds.size() + " answers");
        }
        if (!onlyOld.isEmpty()) {
            persisting.add(listed("ids only in the old answer, each of " + rounds.size() + " times", onlyOld));
        }
        if (!onlyNew.isEmpty()) {
            persisting.add(listed("ids only in the new answer, each of " + rounds.size() + " times", onlyNew));
        }
        if (otherOrder.size() == 1 && !otherOrder.iterator().next().isEmpty()) {
            persisting.add(otherOrder.iterator().next() + ", each of " + rounds.size() + " times");
        }
        return persisting;
    }

    /** new minus old for exact totals; absent when either is untracked or a lower bound. */
    private static Optional<Long> totalDelta(Round round) {
        if (round.old().total().isEmpty() || round.neu().total().isEmpty()
                || !round.old().total().get().relation().equals(Hits.Total.EXACT)
                || !round.neu().total().get().relation().equals(Hits.Total.EXACT)) {
            return round.old().total().equals(round.neu().total()) ? Optional.of(0L) : Optional.empty();
        }
        return Optional.of(round.neu().total().get().value() - round.old().total().get().value());
    }

    private static Set<String> only(Hits in, Hits notIn) {
        Set<String> only = new LinkedHashSet<>(in.ids());
        only.removeAll(notIn.ids());
        return only;
    }

    private static Set<String> retained(Set<String> sofar, Set<String> now) {
        if (sofar == null) {
            return now;
        }
        sofar.retainAll(now);
        return sofar;
    }

    private static String listed(String what, Set<String> ids) {
        List<String> shown = ids.stream().limit(IDS_SHOWN).toList();
        return what + " (" + ids.size() + "): " + String.join(", ", shown) + (ids.size() > IDS_SHOWN ? ", ..." : "");
    }
}
