package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.DotPath;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ScrollSettingsTest {

    private final ScrollSettings defaults = ScrollSettings.defaults();

    @Test
    void defaultsAreOneSlicePerShardWithPagesSizedFromTheIndexKeptAliveFiveMinutesOverEveryDocumentWithoutVersions() {
        assertThat(defaults).isEqualTo(new ScrollSettings(ScrollSettings.PER_SHARD, ScrollSettings.AUTO_PAGE_SIZE, Duration.ofMinutes(5),
                Optional.empty(), false, false, Optional.empty()));
    }

    @Test
    void withersChangeOneSetting() {
        ObjectNode range = Json.object("{'range':{'n':{'lt':10}}}");

        ScrollSettings changed = defaults.withSlices(1).withPageSize(10_000).withKeepAlive(Duration.ofSeconds(1))
                .withQuery(range).withVersion(true).withBeyondShards(true)
                .withParsedPaths(Optional.of(Set.of(DotPath.parse("actions.tags"))));

        assertThat(changed).isEqualTo(new ScrollSettings(1, 10_000, Duration.ofSeconds(1), Optional.of(range), true,
                true, Optional.of(Set.of(DotPath.parse("actions.tags")))));
        assertThat(changed.withQuery(Optional.empty()).query()).isEmpty();
    }

    @Test
    void theQueryIsAPrivateCopyThatNoCallerCanChange() {
        ObjectNode range = Json.object("{'range':{'n':{'lt':10}}}");
        ScrollSettings settings = defaults.withQuery(range);

        range.putObject("term");
        settings.query().orElseThrow().put("extra", 1);

        assertThat(settings.query()).contains(Json.object("{'range':{'n':{'lt':10}}}"));
    }

    @Test
    void eachInvalidSettingIsNamedInAOneLineMessage() {
        assertInvalid(() -> defaults.withSlices(-1), "slices: must be 0 (one per primary shard) or more, was -1");
        assertInvalid(() -> defaults.withPageSize(-1), "pageSize: must be between 1 and 10000, or 0 (sized from the index), was -1");
        assertInvalid(() -> defaults.withPageSize(10_001), "pageSize: must be between 1 and 10000, or 0 (sized from the index), was 10001");
        assertInvalid(() -> defaults.withKeepAlive(null), "keepAlive: must be a positive whole number of milliseconds, was null");
        assertInvalid(() -> defaults.withKeepAlive(Duration.ZERO), "keepAlive: must be a positive whole number of milliseconds, was PT0S");
        assertInvalid(() -> defaults.withKeepAlive(Duration.ofSeconds(-1)), "keepAlive: must be a positive whole number of milliseconds, was PT-1S");
        assertInvalid(() -> defaults.withKeepAlive(Duration.ofNanos(1_500_000)), "keepAlive: must be a positive whole number of milliseconds, was PT0.0015S");
        assertInvalid(() -> defaults.withQuery((Optional<ObjectNode>) null), "query: must not be null; Optional.empty() reads every document");
        assertInvalid(() -> defaults.withQuery((ObjectNode) null), "query: must not be null; withQuery(Optional.empty()) reads every document");
    }

    @Test
    void aQueryMustBeOneClauseNotASearchBody() {
        assertInvalid(() -> defaults.withQuery(Json.object("{'query':{'match_all':{}}}")),
                "query: give the query clause itself, without the enclosing {\"query\":...}, was {\"query\":{\"match_all\":{}}}");
        assertInvalid(() -> defaults.withQuery(Json.object("{}")),
                "query: must be one query clause such as {\"range\":{...}}, was {}");
        assertInvalid(() -> defaults.withQuery(Json.object("{'term':{'a':1},'range':{'n':{}}}")),
                "query: must be one query clause such as {\"range\":{...}}, was {\"term\":{\"a\":1},\"range\":{\"n\":{}}}");
        assertInvalid(() -> defaults.withQuery(Json.object("{'match_all':true}")),
                "query: must be one query clause such as {\"range\":{...}}, was {\"match_all\":true}");
    }

    private static void assertInvalid(ThrowingCallable change, String message) {
        assertThatThrownBy(change).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
