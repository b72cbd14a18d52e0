package io.tandem.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.tandem.localstack.testcontainers.TestcontainersProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class EngineProviderTest {

    private final String previous = System.getProperty(EngineProvider.PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (previous == null) {
            System.clearProperty(EngineProvider.PROPERTY);
        } else {
            System.setProperty(EngineProvider.PROPERTY, previous);
        }
    }

    @Test
    void propertySelectsTheTestcontainersProvider() {
        System.setProperty(EngineProvider.PROPERTY, "Testcontainers");
        assertThat(EngineProvider.selectedKind()).isEqualTo(EngineProvider.Kind.TESTCONTAINERS);
        System.setProperty(EngineProvider.PROPERTY, "local");
        assertThat(EngineProvider.selectedKind()).isEqualTo(EngineProvider.Kind.LOCAL);
    }

    @Test
    void unknownProviderIsRefusedNamingTheProperty() {
        System.setProperty(EngineProvider.PROPERTY, "podman");
        assertThatThrownBy(EngineProvider::selectedKind)
                .hasMessage("tandem.engines=podman is not a provider; use 'local' or 'testcontainers'");
    }

    @Test
    void testcontainersProviderReportsTheEngineUnavailableWhereNoDockerEngineRuns() {
        assumeFalse(dockerAvailable(), "a Docker engine runs here: the Testcontainers provider would really start");
        try (TestcontainersProvider provider = new TestcontainersProvider()) {
            assertThatThrownBy(() -> provider.start(Engine.OPENSEARCH_2))
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessageStartingWith("no Docker engine is reachable")
                    .hasMessageContaining("OpenSearch 2.19");
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
