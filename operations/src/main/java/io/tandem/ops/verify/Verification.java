package io.tandem.ops.verify;

import io.tandem.core.cluster.Sleeper;
import io.tandem.core.source.ScrollSettings;
import io.tandem.core.source.Throttle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the new index holds transform(old document) for every document of the old one, and nothing else: the
 * counts, then a sample or every document, compared field by field. Both indices keep changing while it runs (the
 * application writes the old one, the consumer the new one, a little later), so whatever differs — a count, a
 * document — is checked again after the settle delay, and only what still differs then counts. A document the
 * application changed again meanwhile proves nothing either way (its newest write may be in flight to the new index), so
 * a difference counts only when the old document stayed the same for a whole delay and the new one still differs;
 * one whose old document is still changing after {@value #MAX_LOOKS} looks counts too, marked as such.
 */
public final class Verification {

    private static final Logger LOG = LoggerFactory.getLogger(Verification.class);
    static final int MAX_LOOKS = 5;

    private final IndexProbe source;
    private final IndexProbe target;
    private final DocumentCheck check;
    private final VerifySettings settings;
    private final Sleeper sleeper;

    public Verification(IndexProbe source, IndexProbe target, DocumentCheck check, VerifySettings settings) {
        this(source, target, check, settings, Sleeper.THREAD);
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
                // scroll pages sized as the backfill's: the old cluster pays per page (ScrollPageSize)
                ? new FullScan(new ScrollSettings(settings.slices(), ScrollSettings.AUTO_PAGE_SIZE,
                        ScrollSettings.DEFAULT_KEEP_ALIVE, Optional.empty(), false, settings.beyondShards(),
                        Optional.empty()),
                        settings.concurrency(), new Throttle(settings.throttle()))
                        .run(source, target, check)
                : new SampleScan(settings.sampleSize()).run(source, target, check);
        Map<String, Mismatch> suspects = findings.suspects();
        LOG.info("{} {} -> {}: {} compared, {} differ at first; counts {} / {}", settings.mode(), source.index(),
                target.index(), findings.checked(), suspects.size(), sourceCount, targetCount);
        List<Mismatch> persistent = List.of();
        if (!suspects.isEmpty() || sourceCount != targetCount) {
            LOG.info("checking again in {}: writes in flight must not count as differences", settings.settleDelay());
            sleeper.sleep(settings.settleDelay());
            // counts too: looked at again, one delay apart, until they agree or MAX_LOOKS looks say they do not; a
            // full scan compared every id both ways already (see VerifyResult#passed), so it counts once more only
            int looks = settings.mode() == VerifyMode.FULL ? 1 : MAX_LOOKS;
            for (int look = 1; sourceCount != targetCount; look++) {
                source.refresh();
                target.refresh();
                sourceCount = source.count();
                targetCount = target.count();
                if (sourceCount == targetCount || look == looks) {
                    break;
                }
                LOG.info("counts {} / {}: counting again in {}", sourceCount, targetCount, settings.settleDelay());
                sleeper.sleep(settings.settleDelay());
            }
            persistent = recheck(suspects.keySet());
        }
        return VerifyResult.of(source.index(), target.index(), settings.mode(), started, Instant.now(), sourceCount,
                targetCount, findings.checked(), suspects.size() - persistent.size(), persistent);
    }

    /**
     * The suspects that still differ while their old document stayed the same (same {@code _seq_no}, or still absent)
     * for a whole settle delay, as they differ now. The first delay has passed already: this look names the
     * candidates, the next one, a delay later, confirms them.
     */
    private List<Mismatch> recheck(Set<String> suspects) throws InterruptedException {
        Map<String, Optional<Long>> previousLook = Map.of();
        Set<String> open = new TreeSet<>(suspects);
        List<Mismatch> persistent = new ArrayList<>();
        for (int look = 1; !open.isEmpty(); look++) {
            Map<String, StoredDocument> inSource = source.get(open);
            Map<String, StoredDocument> inTarget = target.get(open);
            Map<String, Optional<Long>> thisLook = new HashMap<>();
            Set<String> again = new TreeSet<>();
            for (String id : open) {
                Optional<Long> seqNo = Optional.ofNullable(inSource.get(id)).map(StoredDocument::seqNo);
                thisLook.put(id, seqNo);
                Optional<Mismatch> mismatch = check.compare(id, inSource.get(id), inTarget.get(id));
                if (mismatch.isEmpty()) {
                    continue; // settled
                }
                if (seqNo.equals(previousLook.get(id))) {
                    persistent.add(mismatch.get());
                } else if (look == MAX_LOOKS) {
                    Mismatch m = mismatch.get();
                    persistent.add(new Mismatch(m.id(), m.kind(), m.differences(),
                            "the old document kept changing through " + MAX_LOOKS + " checks " + settings.settleDelay() + " apart"));
                } else {
                    again.add(id);
                }
            }
            if (!again.isEmpty()) {
                LOG.info("{} document(s) to check again in {}", again.size(), settings.settleDelay());
                sleeper.sleep(settings.settleDelay());
            }
            open = again;
            previousLook = thisLook;
        }
        persistent.sort(Comparator.comparing(Mismatch::id));
        return persistent;
    }
}
