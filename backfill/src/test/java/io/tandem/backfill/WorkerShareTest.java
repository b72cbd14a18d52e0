package io.tandem.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerShareTest {

    @Test
    void workersTakeDisjointSharesThatCoverEverySlice() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.addAll(WorkerShare.parse(i + "/3").slicesOf(8));
        }
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(WorkerShare.parse("1/3").slicesOf(8)).containsExactly(1, 4, 7);
    }

    @Test
    void aLoneWorkerTakesEverySlice() {
        assertThat(WorkerShare.ALONE.slicesOf(4)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void malformedShareIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> WorkerShare.parse("3/3")).hasMessageStartingWith("--worker: expected i/n with 0 <= i < n");
        assertThatThrownBy(() -> WorkerShare.parse("two")).hasMessage("--worker: expected i/n (e.g. 0/3), was 'two'");
    }
}
