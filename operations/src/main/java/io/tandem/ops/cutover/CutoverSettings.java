package io.tandem.ops.cutover;

import io.tandem.core.schema.IndexDefinition;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to cut over and how strictly. Every problem is an {@link IllegalArgumentException} whose one-line message
 * starts with the setting's name.
 *
 * @param mode            same cluster or cross cluster
 * @param oldIndex        the index the application uses now (on the old cluster, in cross-cluster mode)
 * @param newIndex        the migration's new index, on the target cluster
 * @param readAlias       the alias the application searches
 * @param writeAlias      the alias writers use; the read alias when there is one alias for both
 * @param contract        the new index's mapping contract
 * @param contractName    where the contract came from, for messages
 * @param skipped         preconditions the operator chose to skip (journalled); the alias check cannot be skipped
 * @param requireParity   whether a passed query-parity result is required
 * @param maxResultAge    how old a verification or parity result may be
 * @param lag             how the lag precondition measures
 * @param makeOldReadOnly whether to set {@code index.blocks.write} on the old index after the switch
 * @param dryRun          check and plan only, change nothing
 */
public record CutoverSettings(CutoverMode mode, String oldIndex, String newIndex, String readAlias, String writeAlias,
                              IndexDefinition contract, String contractName, Set<Precondition> skipped,
                              boolean requireParity, Duration maxResultAge, LagGate.Settings lag,
                              boolean makeOldReadOnly, boolean dryRun) {

    public CutoverSettings {
        Objects.requireNonNull(mode, "mode");
        requireName("oldIndex", oldIndex);
        requireName("newIndex", newIndex);
        requireName("readAlias", readAlias);
        requireName("writeAlias", writeAlias);
        if (oldIndex.equals(newIndex)) {
            throw new IllegalArgumentException("newIndex: must differ from the old index, both were " + newIndex);
        }
        requireNotAnIndex("readAlias", readAlias, oldIndex, newIndex);
        requireNotAnIndex("writeAlias", writeAlias, oldIndex, newIndex);
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(contractName, "contractName");
        skipped = skipped.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(skipped));
        if (skipped.contains(Precondition.ALIASES)) {
            throw new IllegalArgumentException("skipped: the alias check cannot be skipped");
        }
        if (maxResultAge == null || maxResultAge.isNegative() || maxResultAge.isZero()) {
            throw new IllegalArgumentException("maxResultAge: must be positive, was " + maxResultAge);
        }
        Objects.requireNonNull(lag, "lag");
    }

    /** The aliases the cutover moves: one or two names. */
    public Set<String> aliases() {
        return AliasState.names(readAlias, writeAlias);
    }

    private static void requireNotAnIndex(String setting, String alias, String oldIndex, String newIndex) {
        if (alias.equals(oldIndex) || alias.equals(newIndex)) {
            throw new IllegalArgumentException(setting + ": an alias cannot have the name of an index, was " + alias);
        }
    }

    private static void requireName(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + ": must not be blank");
        }
    }
}
