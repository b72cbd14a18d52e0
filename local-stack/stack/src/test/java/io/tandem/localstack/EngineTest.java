package io.tandem.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineTest {

    @Test
    void idsParseBackToTheirEngineWhateverTheCase() {
        for (Engine engine : Engine.values()) {
            assertThat(Engine.fromId(" " + engine.id().toUpperCase() + " ")).isEqualTo(engine);
        }
    }

    @Test
    void unknownIdIsRefusedWithTheListOfValidIds() {
        assertThatThrownBy(() -> Engine.fromId("solr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown engine 'solr'; valid: kafka, elasticsearch-7, elasticsearch-6, opensearch-2, opensearch-3, elasticsearch-8, elasticsearch-9, kafka-sasl-ssl, elasticsearch-7-secured, opensearch-2-secured, elasticsearch-8-secured, opensearch-2-constrained, opensearch-2-two-nodes");
    }

    @Test
    void onlyOpenSearch3NeedsJava21() {
        assertThat(Engine.OPENSEARCH_3.minimumJava()).isEqualTo(21);
        assertThat(Engine.ELASTICSEARCH_7.minimumJava()).isEqualTo(17);
    }
}
