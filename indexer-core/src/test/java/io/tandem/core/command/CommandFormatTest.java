package io.tandem.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandFormatTest {

    @Test
    void defaultFormatIsTheDocumentedEnvelope() {
        assertThat(CommandFormat.DEFAULT).isEqualTo(new CommandFormat("id", "op", "version", "doc",
                Set.of("upsert", "index", "create", "update"), Set.of("delete")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".id", "meta.", "meta..id", " id", "meta.id "})
    void pathThatCanNeverMatchIsRejected(String path) {
        assertThatIllegalArgumentException().isThrownBy(() -> CommandFormat.DEFAULT.withIdField(path))
                .withMessageStartingWith("idField: field path '" + path + "' has ");
    }

    @Test
    void twoRolesOnOnePathAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> CommandFormat.DEFAULT.withVersionField("op"))
                .withMessage("opField, versionField: share the path 'op'; each field needs its own path");
    }

    @Test
    void opNameThatMeansBothUpsertAndDeleteIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandFormat.DEFAULT.withDeleteOps(Set.of("delete", "update", "index")))
                .withMessage("op names [index, update] cannot mean both upsert and delete");
    }

    @Test
    void emptyOpNamesAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> CommandFormat.DEFAULT.withDeleteOps(Set.of()))
                .withMessage("at least one delete op name is needed");
        assertThatIllegalArgumentException().isThrownBy(() -> CommandFormat.DEFAULT.withUpsertOps(Set.of("")))
                .withMessage("upsert op names cannot be empty");
    }

    @Test
    void missingPathIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> CommandFormat.DEFAULT.withDocField(null)).withMessage("docField");
    }

    @Test
    void opNamesAreCopiedSoTheFormatStaysImmutable() {
        Set<String> names = new HashSet<>(Set.of("save"));
        CommandFormat format = CommandFormat.DEFAULT.withUpsertOps(names);

        names.add("delete");

        assertThat(format.upsertOps()).containsExactly("save");
    }
}
