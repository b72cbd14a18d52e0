package io.tandem.ops.parity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

    private static String listed(String what, Set<String> ids) {
        List<String> shown = ids.stream().limit(IDS_SHOWN).toList();
        return what + " (" + ids.size() + "): " + String.join(", ", shown) + (ids.size() > IDS_SHOWN ? ", ..." : "");
    }
}
