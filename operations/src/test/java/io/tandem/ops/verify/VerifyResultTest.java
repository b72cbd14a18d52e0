package io.tandem.ops.verify;

import static io.tandem.ops.verify.DocumentDiffTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyResultTest {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    private static VerifyResult result(long sourceCount, long targetCount, List<Mismatch> mismatches) {
        return VerifyResult.of("old", "new", VerifyMode.SAMPLE, START, START.plusSeconds(3), sourceCount, targetCount,
                2000, 2, mismatches);
    }

    @Test
    void passesOnlyWithEqualCountsAndNoMismatch() {
        assertThat(result(10, 10, List.of()).passed()).isTrue();
        assertThat(result(10, 11, List.of()).passed()).isFalse();
        assertThat(result(10, 10, List.of(Mismatch.extra("x"))).passed()).isFalse();
    }

    @Test
    void aFullVerificationThatComparedEveryIdPassesWhateverTheCountsSayAtTheRecount() {
        VerifyResult full = VerifyResult.of("old", "new", VerifyMode.FULL, START, START.plusSeconds(3), 10, 13, 2000, 2,
                List.of());
        assertThat(full.passed()).isTrue();
        assertThat(full.countsMatch()).isFalse();
        assertThat(VerifyResult.of("old", "new", VerifyMode.FULL, START, START.plusSeconds(3), 10, 11, 2000, 2,
                List.of(Mismatch.extra("x"))).passed()).isFalse();
    }

    @Test
    void countsEachKindAndSortsByKindThenId() {
        VerifyResult result = result(10, 10, List.of(Mismatch.extra("b"), Mismatch.missing("z", null), Mismatch.extra("a"),
                new Mismatch("m", MismatchKind.DIFFERENT, List.of(new FieldDifference("n", json("1"), json("2"))), null)));
        assertThat(result.missing()).isEqualTo(1);
        assertThat(result.extra()).isEqualTo(2);
        assertThat(result.different()).isEqualTo(1);
        assertThat(result.mismatches()).extracting(Mismatch::id).containsExactly("z", "a", "b", "m");
    }

    @Test
    void survivesTheStateIndexWithTheFirstHundredMismatchesAndEveryCount() {
        List<Mismatch> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(new Mismatch(String.format("%03d", i), MismatchKind.DIFFERENT,
                    List.of(new FieldDifference("n", json("1"), null)), i == 0 ? "note" : null));
        }
        VerifyResult stored = result(10, 12, many)
                .withRepair(new RepairResult(140, 5, 0, 0, 5, List.of("x: rejected")));

        VerifyResult read = VerifyResult.fromJson(stored.toJson());

        assertThat(read.different()).isEqualTo(150);
        assertThat(read.mismatches()).hasSize(VerifyResult.STORED_MISMATCHES).first()
                .isEqualTo(stored.mismatches().get(0));
        assertThat(read.repair()).contains(new RepairResult(140, 5, 0, 0, 5, List.of("x: rejected")));
        assertThat(read.withRepair(stored.repair().orElseThrow()).toJson()).isEqualTo(stored.toJson());
        assertThat(stored.toJson().path("passed").asBoolean(true)).isFalse();
    }
}
