package io.tandem.core.schema;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@link MappingContract#check} found.
 *
 * @param index         the name asked about (an index or an alias)
 * @param concreteIndex the index the name resolves to; {@code null} when it does not exist
 * @param exists        whether the name resolves to an index
 * @param differences   field-level differences from the contract; empty when the index is missing
 */
public record ContractResult(String index, String concreteIndex, boolean exists, List<MappingDifference> differences) {

    public ContractResult {
        Objects.requireNonNull(index, "index");
        differences = List.copyOf(differences);
        if (exists != (concreteIndex != null)) {
            throw new IllegalArgumentException("an existing index has a concrete name, a missing one has none");
        }
        if (!exists && !differences.isEmpty()) {
            throw new IllegalArgumentException("a missing index has no differences");
        }
    }

    static ContractResult missing(String index) {
        return new ContractResult(index, null, false, List.of());
    }

    /** The index exists and keeps the contract. */
    public boolean matches() {
        return exists && differences.isEmpty();
    }

    /** For logs and operators: one line per difference under a heading line. */
    @Override
    public String toString() {
        String name = concreteIndex == null || concreteIndex.equals(index) ? index : index + " -> " + concreteIndex;
        if (!exists) {
            return "index " + name + " does not exist";
        }
        if (differences.isEmpty()) {
            return "index " + name + " keeps the contract";
        }
        return "index " + name + " differs from the contract in " + differences.size() + " place(s):"
                + differences.stream().map(d -> System.lineSeparator() + "  " + d).collect(Collectors.joining());
    }
}
