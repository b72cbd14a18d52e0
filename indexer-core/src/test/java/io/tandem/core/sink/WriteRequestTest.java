package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.document.Command;
import io.tandem.core.document.Operation;
import org.junit.jupiter.api.Test;

class WriteRequestTest {

    @Test
    void anUpsertCommandBecomesAnUpsertOfTheSameIdVersionAndDocumentIntoTheIndex() {
        var document = Docs.object("{'title':'Dune'}");

        WriteRequest write = WriteRequest.of(Command.upsert("7", 12, document), "books-v2");

        assertThat(write).isEqualTo(new WriteRequest("books-v2", "7", 12, Operation.UPSERT, document));
    }

    @Test
    void aDeleteCommandBecomesADeleteCarryingItsVersion() {
        WriteRequest write = WriteRequest.of(Command.delete("7", 13), "books-v2");

        assertThat(write).isEqualTo(new WriteRequest("books-v2", "7", 13, Operation.DELETE, null));
    }

    @Test
    void invalidWritesAreRefused() {
        var document = Docs.object("{}");
        assertThatThrownBy(() -> WriteRequest.upsert("", "1", 1, document)).hasMessage("a write needs a non-empty index");
        assertThatThrownBy(() -> WriteRequest.upsert("i", "", 1, document)).hasMessage("a write needs a non-empty id");
        assertThatThrownBy(() -> WriteRequest.delete("i", "1", -1))
                .hasMessage("version must be >= 0 (external versioning), was -1");
        assertThatThrownBy(() -> WriteRequest.upsert("i", "1", 1, null)).hasMessage("an upsert needs a document");
        assertThatThrownBy(() -> new WriteRequest("i", "1", 1, Operation.DELETE, document))
                .hasMessage("a delete carries no document");
    }

    @Test
    void toStringLeavesTheDocumentOut() {
        WriteRequest write = WriteRequest.upsert("books", "7", 12, Docs.object("{'secret':'large body'}"));

        assertThat(write.toString()).isEqualTo("WriteRequest[UPSERT books/7 v12]");
    }
}
