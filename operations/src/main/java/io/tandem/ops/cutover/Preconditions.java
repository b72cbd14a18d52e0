package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.cluster.EngineCall;
import io.tandem.ops.parity.ParityReport;
import io.tandem.core.schema.IndexDefinition;
import io.tandem.core.schema.MappingContract;
import io.tandem.core.state.SliceCheckpoints;
import io.tandem.core.state.StateStore;
import io.tandem.ops.verify.VerifyResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.elasticsearch.client.RestClient;

/**
 * Gathers the facts behind each precondition of the new index — its live mapping, the backfill's checkpoints, the
 * stored verification and parity results — and judges them with {@link PreconditionRules}. The cutover evaluates
 * them all; the status shows them one by one.
 */
public final class Preconditions {


    private final RestClient target;
    private final StateStore state;
    private final String newIndex;
    private final Duration maxResultAge;

    public Preconditions(RestClient target, StateStore state, String newIndex, Duration maxResultAge) {
        this.target = Objects.requireNonNull(target, "target");
        this.state = Objects.requireNonNull(state, "state");
        this.newIndex = Objects.requireNonNull(newIndex, "newIndex");
        this.maxResultAge = Objects.requireNonNull(maxResultAge, "maxResultAge");
    }

    /** The state key under which the parity command stores its result for the new index. */
    public static String parityKey(String newIndex) {
        return ParityReport.stateKey(newIndex);
    }

    public CheckResult mapping(IndexDefinition contract, String contractName) {
        return PreconditionRules.mapping(new MappingContract(target).check(newIndex, contract), contractName);
    }

    public CheckResult backfill() {
        return PreconditionRules.backfill(SliceCheckpoints.progress(state, newIndex), newIndex);
    }

    public CheckResult verify() {
        return PreconditionRules.verify(VerifyResult.latest(state, newIndex), newIndex, Instant.now(), maxResultAge);
    }

    public CheckResult parity() {
        Optional<ObjectNode> record = state.read(parityKey(newIndex));
        return PreconditionRules.parity(record, parityKey(newIndex), Instant.now(), maxResultAge);
    }

    /**
     * Every precondition of a cutover, in {@link Precondition} order. The lag is waited for (it takes the longest)
     * only when everything else passed; otherwise it is measured once, since the cutover is refused anyway.
     *
     * @param aliases the alias verdict, judged by the caller from the aliases it read
     */
    public List<CheckResult> evaluate(CheckResult aliases, CutoverSettings settings, LagGate lag)
            throws InterruptedException {
        List<CheckResult> checks = new ArrayList<>();
        checks.add(aliases);
        checks.add(unlessSkipped(Precondition.MAPPING, settings, () -> mapping(settings.contract(), settings.contractName())));
        checks.add(unlessSkipped(Precondition.BACKFILL, settings, this::backfill));
        checks.add(unlessSkipped(Precondition.VERIFY, settings, this::verify));
        checks.add(settings.requireParity() ? unlessSkipped(Precondition.PARITY, settings, this::parity)
                : CheckResult.skipped(Precondition.PARITY, "not required"));
        if (settings.skipped().contains(Precondition.LAG)) {
            checks.add(skipped(Precondition.LAG));
        } else {
            checks.add(checks.stream().anyMatch(CheckResult::failed) ? lag.once("another check failed") : lag.await());
        }
        return checks;
    }

    /** Whether {@code index} exists as an index (not as an alias) on the cluster of {@code client}. */
    public static boolean indexExists(RestClient client, String index) {
        EngineCall.Reply reply = EngineCall.send(client, "GET", "/" + EngineCall.segment(index) + "/_settings/index.uuid", null);
        if (reply.status() == 404) {
            return false;
        }
        if (!reply.ok()) {
            throw reply.refused();
        }
        return reply.body().has(index); // an alias answers with the name of the index behind it
    }

    private CheckResult unlessSkipped(Precondition check, CutoverSettings settings,
                                      Supplier<CheckResult> evaluation) {
        return settings.skipped().contains(check) ? skipped(check) : evaluation.get();
    }

    private static CheckResult skipped(Precondition check) {
        return CheckResult.skipped(check, "skipped at the operator's request");
    }
}
