package io.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a core message naming record components becomes one naming the flags that set them. */
class SettingErrorsTest {

    private static final Map<String, String> LAG = Map.of("zeroFor", "--lag-zero-for", "timeout", "--lag-timeout",
            "pollInterval", "--lag-poll-interval");
    private static final Map<String, String> CLUSTER = ClusterFlags.flags("--target");

    @Test
    void theLeadingNameAndAnotherSettingNamedFurtherOnBothBecomeFlags() {
        assertThat(SettingErrors.translate("timeout: must be at least zeroFor (PT10S), was PT5S", LAG))
                .isEqualTo("--lag-timeout: must be at least --lag-zero-for (PT10S), was PT5S");
    }

    @Test
    void namesJoinedBySlashAndOrCommaBecomeFlagsJoinedTheSameWay() {
        assertThat(SettingErrors.translate("username/password: give both or neither", CLUSTER))
                .isEqualTo("--target-username/--target-password: give both or neither");
        assertThat(SettingErrors.translate("username and password: give both or neither", CLUSTER))
                .isEqualTo("--target-username and --target-password: give both or neither");
        assertThat(SettingErrors.translate("apiKey: give either an API key or username/password, not both", CLUSTER))
                .isEqualTo("--target-api-key: give either an API key or --target-username/--target-password, not both");
        assertThat(SettingErrors.translate("idField, opField: share the path 'op'",
                Map.of("idField", "--id-field", "opField", "--op-field")))
                .isEqualTo("--id-field, --op-field: share the path 'op'");
    }

    @Test
    void theLeadingSettingsOwnNameFurtherOnIsProseAndStays() {
        assertThat(SettingErrors.translate("skipped: the alias check cannot be skipped", Map.of("skipped", "--skip-check")))
                .isEqualTo("--skip-check: the alias check cannot be skipped");
        assertThat(SettingErrors.translate("query: must be one query clause such as {\"range\":{...}}, was {\"a\":1}",
                Map.of("query", "--query")))
                .isEqualTo("--query: must be one query clause such as {\"range\":{...}}, was {\"a\":1}");
    }

    @Test
    void whatTheUserTypedIsShownAsTypedEvenWhenItSpellsAName() {
        Map<String, String> flags = Map.of("readAlias", "--read-alias", "timeout", "--lag-timeout");
        assertThat(SettingErrors.translate("readAlias: an alias cannot have the name of an index, was timeout", flags))
                .isEqualTo("--read-alias: an alias cannot have the name of an index, was timeout");
        assertThat(SettingErrors.translate("caCertificate: cannot read /etc/password/ca.pem (NoSuchFileException: "
                + "/etc/password/ca.pem)", CLUSTER)).isEqualTo("--target-ca-cert: cannot read /etc/password/ca.pem "
                + "(NoSuchFileException: /etc/password/ca.pem)");
        assertThat(SettingErrors.translate("urls: 'http://apiKey' is not a base URL like http://host:9200: "
                + "credentials belong in username/password or apiKey", CLUSTER))
                .isEqualTo("--target-url: 'http://apiKey' is not a base URL like http://host:9200: "
                        + "credentials belong in --target-username/--target-password or --target-api-key");
    }

    @Test
    void aNameWithinAWordOrAFlagIsLeftAlone() {
        assertThat(SettingErrors.translate("query: must not be null; withQuery(Optional.empty()) reads every document",
                Map.of("query", "--query"))).isEqualTo("--query: must not be null; withQuery(Optional.empty()) reads "
                + "every document");
        assertThat(SettingErrors.translate("--lag-timeout: already a flag", LAG)).isEqualTo("--lag-timeout: already a flag");
    }

    @Test
    void anErrorNamingNoKnownSettingIsReturnedAsItIs() {
        IllegalArgumentException error = new IllegalArgumentException("maxBackoff: must be at most P1D, was P2D");
        assertThat(SettingErrors.withFlag(error, LAG)).isSameAs(error);
        IllegalArgumentException noMessage = new IllegalArgumentException();
        assertThat(SettingErrors.withFlag(noMessage, LAG)).isSameAs(noMessage);
    }

    @Test
    void flaggedBuildsTheSettingsOrThrowsTheTranslatedErrorCausedByTheOriginal() {
        IllegalArgumentException original = new IllegalArgumentException("pollInterval: must be positive, was PT0S");

        assertThat(SettingErrors.flagged(LAG, () -> "built")).isEqualTo("built");
        assertThatIllegalArgumentException().isThrownBy(() -> SettingErrors.flagged(LAG, () -> {
            throw original;
        })).withMessage("--lag-poll-interval: must be positive, was PT0S").withCause(original);
    }
}
