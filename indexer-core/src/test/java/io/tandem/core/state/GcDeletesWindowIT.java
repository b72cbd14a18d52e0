package io.tandem.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.localstack.RestFixture;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class GcDeletesWindowIT {

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void raisesForTheMigrationAndRestoresAfter(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            String index = Engines.uniqueName("gc");
            String alias = index + "-write";
            rest.send("PUT", "/" + index, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}");
            rest.send("PUT", "/" + index + "/_alias/" + alias, null);
            GcDeletesWindow window = new GcDeletesWindow(rest.client());

            Optional<String> before = window.current(index);
            assertThat(before).as("a new index has the engine default").isEmpty();

            assertThat(window.raise(alias, Duration.ofHours(1))).isTrue();
            assertThat(window.current(alias)).contains("1h");
            assertThat(window.raise(index, Duration.ofMinutes(30))).as("never shortens").isFalse();
            assertThat(window.current(index)).contains("1h");

            window.restore(index, before);
            assertThat(window.current(index)).isEmpty();
            window.restore(index, Optional.of("2m"));
            assertThat(window.current(index)).contains("2m");
            assertThat(window.raise(index, Duration.ofSeconds(90))).as("2m is longer than 90s").isFalse();
        }
    }
}
