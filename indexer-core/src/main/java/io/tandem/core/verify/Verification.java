package io.tandem.core.verify;

import io.tandem.core.source.ScrollSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the new index holds transform(old document) for every document of the old one, and nothing else: the
 * counts, then a sample or every document, compared field by field. Both indices keep changing while it runs (the
 * application writes the old one, the consumer the new one, a little later), so whatever differs — a count, a
 * document — is checked again after the settle delay, and only what still differs then counts.
 */
public final class Verification {

    private static final Logger LOG = LoggerFactory.getLogger(Verification.class);

    /** How the verification waits the settle delay; tests pass one that does not. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final IndexProbe source;
    private final IndexProbe target;
    private final DocumentCheck check;
    private final VerifySettings settings;
    private final Sleeper sleeper;

    public Verification(IndexProbe source, IndexProbe target, DocumentCheck check, VerifySettings settings) {
        this(source, target, check, settings, duration -> Thread.sleep(duration.toMillis()));
    }

    Verification(IndexProbe source, IndexProbe target, DocumentCheck check, VerifySettings settings, Sleeper sleeper) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.check = Objects.requireNonNull(check, "check");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public VerifyResult run() throws InterruptedException {
        Instant started = Instant.now();
        source.refresh();
        target.refresh();
        long sourceCount = source.count();
        long targetCount = target.count();
        ScanFindings findings = settings.mode() == VerifyMode.FULL
                ? new FullScan(new ScrollSettings(settings.slices(), settings.batchSize(),
                        ScrollSettings.DEFAULT_KEEP_ALIVE, Optional.empty(), false), settings.concurrency())
                        .run(source, target, check)
                : new SampleScan(settings.sampleSize()).run(source, target, check);
        Map<String, Mismatch> suspects = findings.suspects();
        LOG.info("{} {} -> {}: {} compared, {} differ at first; counts {} / {}", settings.mode(), source.index(),
                target.index(), findings.checked(), suspects.size(), sourceCount, targetCount);
        List<Mismatch> persistent = List.of();
        if (!suspects.isEmpty() || sourceCount != targetCount) {
            LOG.info("checking again in {}: writes in flight must not count as differences", settings.settleDelay());
            sleeper.sleep(settings.settleDelay());
            if (sourceCount != targetCount) {
                source.refresh();
                target.refresh();
                sourceCount = source.count();
                targetCount = target.count();
            }
            persistent = recheck(suspects);
        }
        return VerifyResult.of(source.index(), target.index(), settings.mode(), started, Instant.now(), sourceCount,
                targetCount, findings.checked(), suspects.size() - persistent.size(), persistent);
    }

    /** The suspects that still differ, as they differ now. */
    private List<Mismatch> recheck(Map<String, Mismatch> suspects) {
        Map<String, StoredDocument> inSource = source.get(suspects.keySet());
        Map<String, StoredDocument> inTarget = target.get(suspects.keySet());
        List<Mismatch> persistent = new ArrayList<>();
        for (String id : suspects.keySet()) {
            check.compare(id, inSource.get(id), inTarget.get(id)).ifPresent(persistent::add);
        }
        return persistent;
    }
}
