package io.tandem.ops.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which names schema sync takes (include/exclude) and what it calls them on the target (rename). */
class NamingRulesTest {

    @Test
    void aPlainRenameRuleAppliesToThatNameOnly() {
        RenameRule rule = RenameRule.parse("messages-v1=messages-v2");
        assertThat(rule.apply("messages-v1")).contains("messages-v2");
        assertThat(rule.apply("messages-v10")).isEmpty();
        assertThat(rule.apply("old-messages-v1")).isEmpty();
    }

    @Test
    void aWildcardRenameKeepsWhatTheWildcardMatched() {
        RenameRule rule = RenameRule.parse("logs-*=archive-logs-*");
        assertThat(rule.apply("logs-2024.01")).contains("archive-logs-2024.01");
        assertThat(rule.apply("logs-")).contains("archive-logs-");
        assertThat(rule.apply("metrics-1")).isEmpty();
        assertThat(RenameRule.parse("*-v1=*-v2").apply("orders-v1")).contains("orders-v2");
        // prefix and suffix must not overlap: "a-*-a" does not match "a-a"
        assertThat(RenameRule.parse("a-*-a=b-*").apply("a-a")).isEmpty();
    }

    @Test
    void malformedRenameRulesAreRefusedNamingTheRule() {
        assertThatThrownBy(() -> RenameRule.parse("messages-v1")).hasMessage("rename: expected OLD=NEW, was 'messages-v1'");
        assertThatThrownBy(() -> RenameRule.parse("=b")).hasMessageStartingWith("rename: both names are needed");
        assertThatThrownBy(() -> RenameRule.parse("logs-*=archive")).hasMessageStartingWith("rename: logs-*=archive: use either");
        assertThatThrownBy(() -> RenameRule.parse("*-*=x-*")).hasMessageContaining("one '*' on each side");
    }

    @Test
    void theFirstMatchingRenameRuleWins() {
        SyncOptions options = SyncOptions.defaults().withRenames(List.of(RenameRule.parse("messages-v1=messages-v2"),
                RenameRule.parse("messages-*=old-messages-*")));
        assertThat(options.targetName("messages-v1")).isEqualTo("messages-v2");
        assertThat(options.targetName("messages-v0")).isEqualTo("old-messages-v0");
        assertThat(options.targetName("orders")).isEqualTo("orders");
    }

    @Test
    void includeSelectsAndExcludeWins() {
        NameFilter filter = new NameFilter(List.of("messages-*", "orders"), List.of("*-tmp"));
        assertThat(filter.accepts("messages-v1")).isTrue();
        assertThat(filter.accepts("orders")).isTrue();
        assertThat(filter.accepts("orders-2")).isFalse();
        assertThat(filter.accepts("messages-tmp")).isFalse();
        assertThat(filter.accepts("users")).isFalse();
        assertThat(NameFilter.all().accepts("anything")).isTrue();
        assertThat(new NameFilter(List.of(), List.of("a*")).accepts("b")).isTrue();
    }

    @Test
    void patternCharactersOtherThanTheWildcardAreLiteral() {
        assertThat(NameFilter.matches("logs-2024.01", "logs-2024x01")).isFalse();
        assertThat(NameFilter.matches("a+b*", "a+b-c")).isTrue();
        assertThat(NameFilter.matches("*", "")).isTrue();
    }

    @Test
    void aBlankPatternOrNegativeReplicasAreRefused() {
        assertThatThrownBy(() -> new NameFilter(List.of(" "), List.of())).hasMessage("include: a pattern must not be blank");
        assertThatThrownBy(() -> new SyncOptions(-1, NameFilter.all(), List.of(), true, Map.of(), false))
                .hasMessage("replicas: must not be negative, was -1");
    }
}
