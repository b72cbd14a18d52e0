package io.tandem.ops.verify;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares a random sample: {@code size} documents drawn from the source, looked up in the target (finding missing
 * and different ones), and {@code size} drawn from the target, looked up in the source (finding extra ones, such as
 * resurrected deletes, which a source sample can never draw).
 */
final class SampleScan {

    private final int size;

    SampleScan(int size) {
        this.size = size;
    }

    ScanFindings run(IndexProbe source, IndexProbe target, DocumentCheck check) {
        ScanFindings findings = new ScanFindings();
        List<StoredDocument> fromSource = source.sample(size);
        Map<String, StoredDocument> inTarget = target.get(ids(fromSource));
        for (StoredDocument document : fromSource) {
            findings.record(document.id(), check.compare(document.id(), document, inTarget.get(document.id())));
        }
        Set<String> seen = ids(fromSource);
        List<StoredDocument> fromTarget = target.sample(size).stream().filter(d -> !seen.contains(d.id())).toList();
        Map<String, StoredDocument> inSource = source.get(ids(fromTarget));
        for (StoredDocument document : fromTarget) {
            findings.record(document.id(), check.compare(document.id(), inSource.get(document.id()), document));
        }
        return findings;
    }

    private static Set<String> ids(List<StoredDocument> documents) {
        return documents.stream().map(StoredDocument::id).collect(Collectors.toSet());
    }
}
