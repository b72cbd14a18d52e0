package io.tandem.backfill;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Which slices this process copies when the job runs on several machines ({@code --worker i/n}, e.g. a Kubernetes
 * Indexed Job with i = JOB_COMPLETION_INDEX): slice s belongs to worker s mod n. Fixed, so a restarted worker takes
 * the same share.
 *
 * @param index this worker, 0-based
 * @param count how many workers share the job
 */
public record WorkerShare(int index, int count) {

    public static final WorkerShare ALONE = new WorkerShare(0, 1);

    public WorkerShare {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("--worker: expected i/n with 0 <= i < n, was " + index + "/" + count);
        }
    }

    /** Parses {@code i/n}. */
    public static WorkerShare parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--worker: expected i/n (e.g. 0/3), was '" + text + "'");
        }
        try {
            return new WorkerShare(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--worker: expected i/n (e.g. 0/3), was '" + text + "'", e);
        }
    }

    /** This worker's slices out of {@code slices}. */
    public List<Integer> slicesOf(int slices) {
        return IntStream.range(0, slices).filter(s -> s % count == index).boxed().toList();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
