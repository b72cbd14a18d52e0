package io.tandem.core.schema;

import io.tandem.localstack.RestFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.schema.MappingDifference.Kind;
import io.tandem.localstack.Engine;
import io.tandem.localstack.junit.Engines;
import io.tandem.localstack.junit.WithEngines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract against real engines: what an index created from a definition looks like when read back. */
@WithEngines({Engine.ELASTICSEARCH_7, Engine.OPENSEARCH_2})
class MappingContractIT {

    private static IndexDefinition definition(String resource) {
        try (InputStream in = MappingContractIT.class.getResourceAsStream(resource)) {
            return IndexDefinition.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The messages contract with one piece of its text replaced: an index that drifted from it. */
    private static IndexDefinition messagesV2With(String from, String to) {
        IndexDefinition contract = definition("/contracts/messages-v2.json");
        String body = contract.toCreateBody().toString();
        assertThat(body).contains(from);
        return IndexDefinition.parse(body.replace(from, to), "drifted messages-v2");
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void anIndexCreatedFromItsDefinitionKeepsIt(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            MappingContract contract = new MappingContract(rest.client());
            for (String resource : new String[] {"/contracts/messages-v2.json", "/schema/many-parameters.json"}) {
                IndexDefinition definition = definition(resource);
                String index = Engines.uniqueName("contract");
                contract.createIndex(index, definition);

                ContractResult result = contract.check(index, definition);

                assertThat(result.differences()).as(resource + " read back from " + engine).isEmpty();
                assertThat(result.matches()).isTrue();
                assertThat(result.concreteIndex()).isEqualTo(index);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void aFieldAddedToTheLiveIndexIsReported(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            MappingContract contract = new MappingContract(rest.client());
            IndexDefinition messages = definition("/contracts/messages-v2.json");
            String index = Engines.uniqueName("contract");
            contract.createIndex(index, messages);
            assertThat(rest.send("PUT", "/" + index + "/_mapping",
                    "{\"properties\":{\"tags\":{\"properties\":{\"extra\":{\"type\":\"keyword\"}}}}}").status()).isEqualTo(200);

            assertThat(contract.check(index, messages).differences()).singleElement()
                    .hasToString("+ tags.extra: keyword (in the live index, not in the contract)");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void fieldsADocumentAddedUnderAnObjectTheContractOpensKeepTheContract(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            MappingContract contract = new MappingContract(rest.client());
            IndexDefinition events = messagesV2With("\"createdAt\":{\"type\":\"date\"}",
                    "\"createdAt\":{\"type\":\"date\"},\"actions\":{\"type\":\"object\",\"dynamic\":true}");
            String index = Engines.uniqueName("contract");
            contract.createIndex(index, events);
            // dynamic mapping, as the engine does it: a boolean, a string (text with a keyword multi-field), an object
            assertThat(rest.send("PUT", "/" + index + "/_doc/1?refresh=true", "{\"id\":\"1\",\"actions\":{\"clicked\":true,"
                    + "\"button\":\"ok\",\"share\":{\"count\":3}}}").status()).isEqualTo(201);

            ContractResult result = contract.check(index, events);

            assertThat(result.matches()).as("%s", result).isTrue();
            assertThat(result.differences()).isEmpty();
            assertThat(result.dynamicFields()).extracting(MappingDifference::toString).containsExactly(
                    "~ actions.button: text (added by dynamic mapping under 'actions', allowed by the contract)",
                    "~ actions.clicked: boolean (added by dynamic mapping under 'actions', allowed by the contract)",
                    "~ actions.share: object (added by dynamic mapping under 'actions', allowed by the contract)");
            // the strict root still refuses what the contract does not open, and a hand-made change there is drift
            assertThat(rest.send("PUT", "/" + index + "/_doc/2", "{\"id\":\"2\",\"clicked\":true}").status()).isEqualTo(400);
            assertThat(rest.send("PUT", "/" + index + "/_mapping",
                    "{\"properties\":{\"tags\":{\"properties\":{\"extra\":{\"type\":\"keyword\"}}}}}").status()).isEqualTo(200);
            assertThat(contract.check(index, events).differences()).singleElement()
                    .hasToString("+ tags.extra: keyword (in the live index, not in the contract)");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void aChangedTypeIsReported(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            MappingContract contract = new MappingContract(rest.client());
            String index = Engines.uniqueName("contract");
            contract.createIndex(index, messagesV2With("\"createdAt\":{\"type\":\"date\"}", "\"createdAt\":{\"type\":\"keyword\"}"));

            assertThat(contract.check(index, definition("/contracts/messages-v2.json")).differences()).singleElement()
                    .satisfies(d -> assertThat(d.kind()).isEqualTo(Kind.TYPE_CHANGED))
                    .hasToString("~ createdAt: type date -> keyword");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void aChangedAnalyzerIsReportedThroughAnAlias(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            MappingContract contract = new MappingContract(rest.client());
            String index = Engines.uniqueName("contract");
            String alias = index + "-read";
            contract.createIndex(index, messagesV2With("\"analyzer\":\"message_text\"", "\"analyzer\":\"standard\""));
            assertThat(rest.send("PUT", "/" + index + "/_alias/" + alias, null).status()).isEqualTo(200);

            ContractResult result = contract.check(alias, definition("/contracts/messages-v2.json"));

            assertThat(result.concreteIndex()).isEqualTo(index);
            assertThat(result.differences()).singleElement()
                    .satisfies(d -> assertThat(d.kind()).isEqualTo(Kind.ANALYSIS_CHANGED))
                    .hasToString("~ message: analyzer message_text -> standard");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void aRedefinedAnalyzerIsReportedThoughTheFieldNamesTheSameAnalyzer(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            MappingContract contract = new MappingContract(rest.client());
            String index = Engines.uniqueName("contract");
            contract.createIndex(index, messagesV2With("\"filter\":[\"lowercase\",\"asciifolding\"]", "\"filter\":[\"lowercase\"]"));

            assertThat(contract.check(index, definition("/contracts/messages-v2.json")).differences()).singleElement()
                    .satisfies(d -> assertThat(d.kind()).isEqualTo(Kind.ANALYSIS_CHANGED))
                    .hasToString("~ index.analysis.analyzer.message_text: filter [\"lowercase\",\"asciifolding\"] -> [\"lowercase\"]");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7", "OPENSEARCH_2"})
    void aMissingIndexIsNoErrorButCreatingAnExistingOneIs(Engine engine, Engines engines) throws IOException {
        try (RestFixture rest = RestFixture.on(engines.get(engine))) {
            MappingContract contract = new MappingContract(rest.client());
            IndexDefinition messages = definition("/contracts/messages-v2.json");
            String index = Engines.uniqueName("contract");

            ContractResult missing = contract.check(index, messages);
            assertThat(missing.exists()).isFalse();
            assertThat(missing).hasToString("index " + index + " does not exist");

            contract.createIndex(index, messages);
            assertThatThrownBy(() -> contract.createIndex(index, messages))
                    .isInstanceOf(IndexAlreadyExistsException.class)
                    .hasMessageStartingWith("index '" + index + "' already exists (as an index)");
            rest.send("PUT", "/" + index + "/_alias/" + index + "-alias", null);
            assertThatThrownBy(() -> contract.createIndex(index + "-alias", messages))
                    .isInstanceOf(IndexAlreadyExistsException.class)
                    .hasMessageContaining("(as an alias)");
            assertThatThrownBy(() -> contract.createIndex(Engines.uniqueName("contract"),
                    messagesV2With("\"type\":\"date\"", "\"type\":\"no_such_type\"")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no_such_type");
        }
    }
}
