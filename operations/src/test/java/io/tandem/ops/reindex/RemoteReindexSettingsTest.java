package io.tandem.ops.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.json.JsonMappers;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteReindexSettingsTest {

    private static final String HOST = "http://127.0.0.1:9200";

    @Test
    void ofCopiesEverythingInBatchesOfAThousand() {
        RemoteReindexSettings settings = RemoteReindexSettings.of(HOST, "messages", "messages-v2");
        assertThat(settings.size()).isEqualTo(1000);
        assertThat(settings.query()).isEmpty();
        assertThat(settings.painlessScript()).isEmpty();
        assertThat(settings.username()).isEmpty();
    }

    @Test
    void theHostMustBeSchemeHostAndPort() {
        assertThatIllegalArgumentException().isThrownBy(() -> RemoteReindexSettings.of("127.0.0.1:9200", "a", "b"))
                .withMessageStartingWith("remoteHost: must start with http:// or https://");
        assertThatIllegalArgumentException().isThrownBy(() -> RemoteReindexSettings.of("http://127.0.0.1", "a", "b"))
                .withMessageStartingWith("remoteHost: must name a host and a port");
        assertThatIllegalArgumentException().isThrownBy(() -> RemoteReindexSettings.of("http://u:secret@h:9200", "a", "b"))
                .withMessageStartingWith("remoteHost: only scheme://host:port and a path prefix")
                .withMessageNotContaining("secret");
        assertThat(RemoteReindexSettings.of("https://old-search:9243/es", "a", "b").remoteHost())
                .isEqualTo("https://old-search:9243/es");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://u:p@search_new:9200", "htps://u:p@es", "http://u:p@es", "u:p@es:9200"})
    void aMalformedHostWithCredentialsIsQuotedWithItsPasswordMasked(String remoteHost) {
        assertThatIllegalArgumentException().isThrownBy(() -> RemoteReindexSettings.of(remoteHost, "a", "b"))
                // the whole message, so that the secret 'p' shows nowhere else
                .withMessage("remoteHost: only scheme://host:port and a path prefix; credentials go in username and "
                        + "password, was '" + remoteHost.replace(":p@", ":***@") + "'");
    }

    @Test
    void refusesIncompleteCredentialsBlankIndicesAndEmptyBatches() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RemoteReindexSettings(HOST, Optional.of("u"),
                        Optional.empty(), "a", "b", 10, Optional.empty(), Optional.empty()))
                .withMessage("username and password: give both or neither");
        assertThatIllegalArgumentException().isThrownBy(() -> RemoteReindexSettings.of(HOST, " ", "b"))
                .withMessage("sourceIndex: must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> RemoteReindexSettings.of(HOST, "a", "b").withSize(0))
                .withMessage("size: must be at least 1, was 0");
    }

    @Test
    void aScriptTouchingTheVersionIsRefusedWhenTheSettingsAreBuilt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RemoteReindexSettings.of(HOST, "a", "b").withPainlessScript("ctx._version++"))
                .withMessageStartingWith("the script must not touch _version");
    }

    @Test
    void theQueryCannotBeChangedFromOutside() {
        ObjectNode query = JsonMappers.PLAIN.createObjectNode();
        query.putObject("term").put("status", "live");
        RemoteReindexSettings settings = new RemoteReindexSettings(HOST, Optional.empty(), Optional.empty(), "a", "b",
                10, Optional.of(query), Optional.empty());
        query.put("changed", true);
        settings.query().orElseThrow().put("changed too", true);

        assertThat(settings.query().orElseThrow().toString()).isEqualTo("{\"term\":{\"status\":\"live\"}}");
    }

    @Test
    void toStringMasksThePassword() {
        RemoteReindexSettings settings = new RemoteReindexSettings(HOST, Optional.of("tandem"), Optional.of("s3cret"),
                "a", "b", 10, Optional.empty(), Optional.empty());
        assertThat(settings.toString()).contains("username=tandem", "password=****").doesNotContain("s3cret");
    }
}
