package io.tandem.ops.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.util.Locale;
import java.util.Objects;

/**
 * One precondition's verdict with what was measured, e.g. {@code LAG PASS "0 for PT10S (21 polls)"}.
 *
 * @param check    which precondition
 * @param status   pass, fail or skipped
 * @param measured the value behind the verdict, for the operator and the journal
 */
public record CheckResult(Precondition check, CheckStatus status, String measured) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(measured, "measured");
    }

    static CheckResult pass(Precondition check, String measured) {
        return new CheckResult(check, CheckStatus.PASS, measured);
    }

    static CheckResult fail(Precondition check, String measured) {
        return new CheckResult(check, CheckStatus.FAIL, measured);
    }

    static CheckResult skipped(Precondition check, String why) {
        return new CheckResult(check, CheckStatus.SKIPPED, why);
    }

    public boolean failed() {
        return status == CheckStatus.FAIL;
    }

    /** {@code PASS     backfill  4/4 slices done, ...}: one aligned line of a check list. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-8s %-9s %s", status, check.label(), measured);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonMappers.PLAIN.createObjectNode();
        json.put("check", check.label());
        json.put("status", status.name());
        json.put("measured", measured);
        return json;
    }

    static CheckResult fromJson(JsonNode json) {
        return new CheckResult(Precondition.parse(json.path("check").asText()),
                CheckStatus.valueOf(json.path("status").asText()), json.path("measured").asText());
    }
}
