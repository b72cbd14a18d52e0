package io.tandem.ops.sync;

/**
 * What {@link SyncApplier#apply} did.
 *
 * @param created   resources created on the target
 * @param updated   resources replaced, or indices completed, on the target
 * @param unchanged resources the target already held as wanted
 * @param skipped   resources not copied
 */
public record ApplyReport(int created, int updated, int unchanged, int skipped) {

    /** Whether the target was changed at all. */
    public boolean changedTarget() {
        return created + updated > 0;
    }

    @Override
    public String toString() {
        if (!changedTarget()) {
            return "Nothing changed: the target already matches (" + unchanged + " unchanged, " + skipped + " skipped).";
        }
        return "Applied: " + created + " created, " + updated + " updated; " + unchanged + " unchanged, " + skipped + " skipped.";
    }
}
