package io.tandem.ops.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AliasActionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static AliasBinding binding(String alias, String index, String properties) {
        return new AliasBinding(alias, index, (ObjectNode) json(properties));
    }

    @Test
    void sameClusterMovesBothAliasesFromTheOldIndexToTheNewInOneList() {
        AliasState before = new AliasState(List.of(binding("messages", "v1", "{}"),
                binding("messages-write", "v1", "{'is_write_index':true}")));

        assertThat(AliasActions.cutover(before, "v2", "messages", "messages-write")).isEqualTo(json("""
                [{'remove':{'index':'v1','alias':'messages'}},
                 {'remove':{'index':'v1','alias':'messages-write'}},
                 {'add':{'index':'v2','alias':'messages'}},
                 {'add':{'index':'v2','alias':'messages-write','is_write_index':true}}]"""));
    }

    @Test
    void oneAliasForReadingAndWritingIsAddedOnceAsTheWriteIndex() {
        AliasState before = new AliasState(List.of(binding("messages", "v1", "{}")));

        assertThat(AliasActions.cutover(before, "v2", "messages", "messages")).isEqualTo(json("""
                [{'remove':{'index':'v1','alias':'messages'}},
                 {'add':{'index':'v2','alias':'messages','is_write_index':true}}]"""));
    }

    @Test
    void crossClusterCreatesTheAliasesWhereThereWereNone() {
        assertThat(AliasActions.cutover(AliasState.empty(), "v2", "r", "w")).isEqualTo(json("""
                [{'add':{'index':'v2','alias':'r'}},{'add':{'index':'v2','alias':'w','is_write_index':true}}]"""));
    }

    @Test
    void aliasesAlreadyOnTheNewIndexAreNotRemovedButAddedAgainPlain() {
        AliasState before = new AliasState(List.of(binding("r", "v2", "{'filter':{'term':{'a':1}}}")));

        assertThat(AliasActions.cutover(before, "v2", "r", "r")).isEqualTo(json("""
                [{'add':{'index':'v2','alias':'r','is_write_index':true}}]"""));
    }

    @Test
    void restoreRemovesWhatIsNewAndAddsBackWhatWasThereWithItsProperties() {
        AliasState previous = new AliasState(List.of(
                binding("r", "v1", "{'filter':{'term':{'tenant':'a'}},'index_routing':'1','search_routing':'1'}"),
                binding("w", "v1", "{'is_write_index':true}")));
        AliasState now = new AliasState(List.of(binding("r", "v2", "{}"), binding("w", "v2", "{'is_write_index':true}")));

        assertThat(AliasActions.restore(now, previous)).isEqualTo(json("""
                [{'remove':{'index':'v2','alias':'r'}},
                 {'remove':{'index':'v2','alias':'w'}},
                 {'add':{'index':'v1','alias':'r','filter':{'term':{'tenant':'a'}},'index_routing':'1','search_routing':'1'}},
                 {'add':{'index':'v1','alias':'w','is_write_index':true}}]"""));
    }

    @Test
    void restoreLeavesBindingsThatAreAsTheyWereAndRemovesAllWhereThereWereNone() {
        AliasState previous = new AliasState(List.of(binding("r", "v1", "{}")));
        assertThat(AliasActions.restore(previous, previous)).isEmpty();
        assertThat(AliasActions.restore(new AliasState(List.of(binding("r", "v2", "{}"))), AliasState.empty()))
                .isEqualTo(json("[{'remove':{'index':'v2','alias':'r'}}]"));
    }

    @Test
    void aliasStateReadsTheGetAliasAnswerAlsoWhenOneNameIsMissing() {
        AliasState state = AliasState.fromGetAlias(json("""
                {"error":"alias [w] missing","status":404,
                 "v1":{"aliases":{"r":{"filter":{"term":{"y":"a"}},"index_routing":"1","search_routing":"1"}}},
                 "v0":{"aliases":{"r":{}}}}"""));

        assertThat(state.bindings()).extracting(AliasBinding::index).containsExactly("v0", "v1");
        assertThat(state.indicesOf("r")).containsExactly("v0", "v1");
        assertThat(state.toString()).isEqualTo("r -> v0; r -> v1 (filtered) (routed)");
        assertThat(AliasState.fromJson(state.toJson())).isEqualTo(state);
    }
}
