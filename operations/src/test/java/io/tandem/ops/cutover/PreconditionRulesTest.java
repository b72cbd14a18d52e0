package io.tandem.ops.cutover;

import static io.tandem.ops.cutover.AliasActionsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.schema.ContractResult;
import io.tandem.core.schema.MappingDiff;
import io.tandem.core.state.BackfillProgress;
import io.tandem.ops.verify.VerifyMode;
import io.tandem.ops.verify.VerifyResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreconditionRulesTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void sameClusterAliasesMayPointOnlyAtTheOldOrTheNewIndex() {
        AliasState fine = new AliasState(List.of(AliasBinding.plain("r", "v1")));
        AliasState elsewhere = new AliasState(List.of(AliasBinding.plain("r", "v1"), AliasBinding.plain("r", "other")));

        assertThat(PreconditionRules.aliases(CutoverMode.SAME_CLUSTER, fine, true, "v1", "v2"))
                .isEqualTo(new CheckResult(Precondition.ALIASES, CheckStatus.PASS, "r -> v1"));
        assertThat(PreconditionRules.aliases(CutoverMode.SAME_CLUSTER, elsewhere, true, "v1", "v2").measured())
                .startsWith("they also point at [other]");
        assertThat(PreconditionRules.aliases(CutoverMode.CROSS_CLUSTER, elsewhere, true, "v1", "v2").status())
                .isEqualTo(CheckStatus.PASS);
        assertThat(PreconditionRules.aliases(CutoverMode.SAME_CLUSTER, fine, false, "v1", "v2"))
                .isEqualTo(new CheckResult(Precondition.ALIASES, CheckStatus.FAIL, "the old index v1 does not exist on the cluster (as an index: name the index, not an alias of it)"));
    }

    @Test
    void aDriftedMappingFailsNamingTheDifferences() {
        // strict: without dynamic anywhere the engine's default (true) would allow the added field (see below)
        ObjectNode contract = (ObjectNode) json("{'dynamic':'strict','properties':{'a':{'type':'keyword'}}}");
        ObjectNode live = (ObjectNode) json("{'dynamic':'strict','properties':{'a':{'type':'keyword'},'extra':{'type':'long'}}}");
        ContractResult drifted = new ContractResult("v2", "v2", true, MappingDiff.compare(contract, live));

        CheckResult check = PreconditionRules.mapping(drifted, "v2.json");

        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.measured()).startsWith("1 difference(s) from v2.json: + extra: long");
        assertThat(PreconditionRules.mapping(new ContractResult("v2", "v2", true, List.of()), "v2.json"))
                .isEqualTo(new CheckResult(Precondition.MAPPING, CheckStatus.PASS, "v2 keeps the contract v2.json"));
        assertThat(PreconditionRules.mapping(new ContractResult("v2", null, false, List.of()), "v2.json").measured())
                .isEqualTo("index v2 does not exist");
    }

    @Test
    void fieldsDynamicMappingAddedWhereTheContractAllowsPassAndAreShown() {
        ObjectNode contract = (ObjectNode) json("{'dynamic':'strict','properties':{'actions':{'type':'object','dynamic':true}}}");
        ObjectNode live = (ObjectNode) json("{'dynamic':'strict','properties':{'actions':{'dynamic':'true','properties':{"
                + "'clicked':{'type':'boolean'}}}}}");

        CheckResult check = PreconditionRules.mapping(new ContractResult("v2", "v2", true, MappingDiff.compare(contract, live)), "v2.json");

        assertThat(check).isEqualTo(new CheckResult(Precondition.MAPPING, CheckStatus.PASS, "v2 keeps the contract v2.json; "
                + "1 field(s) added by dynamic mapping, allowed by the contract: "
                + "~ actions.clicked: boolean (added by dynamic mapping under 'actions', allowed by the contract)"));
    }

    @Test
    void theBackfillPassesOnlyWithEverySliceDone() {
        BackfillProgress half = new BackfillProgress("old", "v2", 4, 2, 500, 0, 0, NOW, Optional.of(NOW));
        BackfillProgress done = new BackfillProgress("old", "v2", 4, 4, 1000, 0, 0, NOW, Optional.of(NOW));

        assertThat(PreconditionRules.backfill(Optional.of(half), "v2"))
                .isEqualTo(new CheckResult(Precondition.BACKFILL, CheckStatus.FAIL, "2/4 slices done, 500 documents, old -> v2"));
        assertThat(PreconditionRules.backfill(Optional.of(done), "v2").status()).isEqualTo(CheckStatus.PASS);
        assertThat(PreconditionRules.backfill(Optional.empty(), "v2").measured()).startsWith("no backfill into v2 is recorded");
    }

    @Test
    void theBackfillFailsWhileSlicesLeftDeadLettersAndSaysHowToResolveThem() {
        BackfillProgress failed = new BackfillProgress("old", "v2", 4, 3, 1000, 1, 12, NOW, Optional.of(NOW));

        CheckResult check = PreconditionRules.backfill(Optional.of(failed), "v2");

        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.measured()).isEqualTo("3/4 slices done, 1,000 documents, old -> v2; 12 documents of 1 slices"
                + " failed and are in the dead letters: fix the cause, then rerun the backfill (it copies those slices"
                + " again)");
    }

    @Test
    void theVerificationMustHavePassedRecentlyEnough() {
        VerifyResult passed = verification(NOW.minus(Duration.ofMinutes(12)), 0);
        VerifyResult failed = verification(NOW.minus(Duration.ofMinutes(2)), 1);
        VerifyResult old = verification(NOW.minus(Duration.ofHours(3)), 0);

        assertThat(PreconditionRules.verify(Optional.of(passed), "v2", NOW, HOUR)).isEqualTo(new CheckResult(
                Precondition.VERIFY, CheckStatus.PASS,
                "SAMPLE verification v1 -> v2 12 min ago: 2000 compared, counts 10/10, nothing differs"));
        assertThat(PreconditionRules.verify(Optional.of(failed), "v2", NOW, HOUR).measured())
                .endsWith("0 missing, 1 extra, 0 different");
        assertThat(PreconditionRules.verify(Optional.of(old), "v2", NOW, HOUR).measured())
                .contains("3 h 0 min ago").endsWith("passed, but longer ago than PT1H");
        assertThat(PreconditionRules.verify(Optional.empty(), "v2", NOW, HOUR).status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void theParityRecordMustSayPassedRecentlyEnough() {
        String key = "parity/v2";
        assertThat(PreconditionRules.parity(Optional.of(json("{'passed':true,'finishedAt':'2025-03-01T11:50:00Z','queries':120,'failed':0}")),
                key, NOW, HOUR)).isEqualTo(new CheckResult(Precondition.PARITY, CheckStatus.PASS,
                "query parity 10 min ago: 120 queries, 0 failed"));
        assertThat(PreconditionRules.parity(Optional.of(json("{'passed':false,'finishedAt':'2025-03-01T11:50:00Z','queries':120,'failed':3}")),
                key, NOW, HOUR).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(PreconditionRules.parity(Optional.of(json("{'passed':true,'finishedAt':'2025-03-01T09:00:00Z','queries':1,'failed':0}")),
                key, NOW, HOUR).measured()).endsWith("longer ago than PT1H");
        assertThat(PreconditionRules.parity(Optional.of(json("{'passed':true,'queries':1}")), key, NOW, HOUR).measured())
                .contains("no finishedAt");
        assertThat(PreconditionRules.parity(Optional.empty(), key, NOW, HOUR).measured())
                .isEqualTo("no query-parity result is stored under parity/v2: run parity");
    }

    private static VerifyResult verification(Instant finished, int extra) {
        return new VerifyResult("v1", "v2", VerifyMode.SAMPLE, finished.minusSeconds(5), finished, 10, 10, 2000, 0, 0,
                extra, 0, List.of(), Optional.empty());
    }
}
