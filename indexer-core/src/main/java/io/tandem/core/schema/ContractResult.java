package io.tandem.core.schema;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@link MappingContract#check} found.
 *
 * <p>One rule decides whether an index keeps its contract, {@link #matches()}, and every check uses it: the indexer's
 * startup check, {@code schema check}'s exit status, the cutover's mapping precondition and {@code status}. Fields
 * that dynamic mapping added where the contract allows it ({@link MappingDifference#allowed()}) do not count against
 * it; they are listed apart, as information.
 *
 * @param index         the name asked about (an index or an alias)
 * @param concreteIndex the index the name resolves to; {@code null} when it does not exist
 * @param exists        whether the name resolves to an index
 * @param differences   the drift: field-level differences from the contract that are not allowed; empty when the index
 *                      is missing
 * @param dynamicFields fields dynamic mapping added where the contract allows it
 *                      ({@link MappingDifference.Kind#DYNAMIC_FIELD_ADDED}): information, not drift
 */
public record ContractResult(String index, String concreteIndex, boolean exists, List<MappingDifference> differences,
                             List<MappingDifference> dynamicFields) {

    public ContractResult {
        Objects.requireNonNull(index, "index");
        differences = List.copyOf(differences);
        dynamicFields = List.copyOf(dynamicFields);
        if (exists != (concreteIndex != null)) {
            throw new IllegalArgumentException("an existing index has a concrete name, a missing one has none");
        }
        if (!exists && !(differences.isEmpty() && dynamicFields.isEmpty())) {
            throw new IllegalArgumentException("a missing index has no differences");
        }
        if (differences.stream().anyMatch(MappingDifference::allowed)
                || !dynamicFields.stream().allMatch(MappingDifference::allowed)) {
            throw new IllegalArgumentException("differences are drift only, dynamic fields the allowed additions only");
        }
    }

    /** Everything the comparison found, sorted into drift ({@link #differences()}) and {@link #dynamicFields()}. */
    public ContractResult(String index, String concreteIndex, boolean exists, List<MappingDifference> found) {
        this(index, concreteIndex, exists, found.stream().filter(d -> !d.allowed()).toList(),
                found.stream().filter(MappingDifference::allowed).toList());
    }

    static ContractResult missing(String index) {
        return new ContractResult(index, null, false, List.of());
    }

    /** The index exists and keeps the contract: no drift (fields dynamic mapping added where it allows are fine). */
    public boolean matches() {
        return exists && differences.isEmpty();
    }

    /**
     * For logs and operators: a heading line, one line per difference, then the allowed dynamic fields under a line of
     * their own.
     */
    @Override
    public String toString() {
        String name = concreteIndex == null || concreteIndex.equals(index) ? index : index + " -> " + concreteIndex;
        if (!exists) {
            return "index " + name + " does not exist";
        }
        String allowed = dynamicFields.isEmpty() ? ""
                : System.lineSeparator() + dynamicFieldsHeading() + lines(dynamicFields);
        if (differences.isEmpty()) {
            return "index " + name + " keeps the contract" + allowed;
        }
        return "index " + name + " differs from the contract in " + differences.size() + " place(s):"
                + lines(differences) + allowed;
    }

    /** {@code 2 field(s) added by dynamic mapping, allowed by the contract (information, not drift):} */
    public String dynamicFieldsHeading() {
        return dynamicFields.size() + " field(s) added by dynamic mapping, allowed by the contract (information, not drift):";
    }

    private static String lines(List<MappingDifference> list) {
        return list.stream().map(d -> System.lineSeparator() + "  " + d).collect(Collectors.joining());
    }
}
