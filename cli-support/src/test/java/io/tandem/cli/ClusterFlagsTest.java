package io.tandem.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.cluster.ClusterSettings;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A --target-url / --source-url given with credentials is refused naming the flag, its password never echoed. */
class ClusterFlagsTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://u:p@search_new:9200", "htps://u:p@es"})
    void aMalformedUrlWithCredentialsIsRefusedNamingTheFlagWithoutThePassword(String url) {
        assertThatThrownBy(() -> ClusterFlags.settings("--target", List.of(url), null, null, null, null, null, null, null, null,
                ClusterSettings.DEFAULT_REQUEST_TIMEOUT, ClusterSettings.DEFAULT_CONNECT_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                // the whole message, so that the secret 'p' shows nowhere else
                .hasMessage("--target-url: '" + url.replace(":p@", ":***@") + "' is not a base URL like "
                        + "http://host:9200: credentials belong in --target-username/--target-password or --target-api-key");
    }
}
