package io.tandem.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterSettingsTest {

    @Test
    void baseUrlsAreKeptWithoutTrailingSlashAndWithTheDefaultTimeouts() {
        ClusterSettings settings = ClusterSettings.of("http://127.0.0.1:9200/", "HTTPS://es2.example:443", "http://es3");

        assertThat(settings.urls()).containsExactly("http://127.0.0.1:9200", "https://es2.example:443", "http://es3");
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:9200", "ftp://es:9200", "http://", "http://es:9200/prefix", "http://es:9200?x=1",
            "http://es_1:9200", "http://es:0", "http://es:70000", "http://[::1"})
    void aBadUrlIsRefusedInOneLineNamingTheSetting(String url) {
        assertThatThrownBy(() -> ClusterSettings.of(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("urls: '" + url + "' is not a base URL like http://host:9200: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void credentialsInAUrlAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> ClusterSettings.of("https://elastic:s3cret@es:9200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("urls: ")
                .hasMessageContaining("credentials belong in username/password or apiKey")
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://u:p@search_new:9200", "htps://u:p@es", "http://u:p@es:0", "u:p@es:9200",
            "http://u:p@es:9200/prefix"})
    void aMalformedUrlWithCredentialsIsQuotedWithItsPasswordMasked(String url) {
        String masked = url.replace(":p@", ":***@");

        assertThatThrownBy(() -> ClusterSettings.of("http://fine:9200", url))
                .isInstanceOf(IllegalArgumentException.class)
                // the whole message, so that the secret 'p' shows nowhere else
                .hasMessage("urls: '" + masked + "' is not a base URL like http://host:9200: credentials belong in "
                        + "username/password or apiKey")
                .hasMessageNotContaining(":p@");
    }

    @Test
    void aPasswordIsMaskedWhateverItHolds() {
        for (String url : new String[] {"http://elastic:s3cr3t@search_new:9200", "htps://elastic:s3cr3t@es",
                "http://elastic:s3/cr@3t@es:9200", "http://elastic:s3cr3t@[::1"}) {
            assertThatThrownBy(() -> ClusterSettings.of(url)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("elastic:***@")
                    .hasMessageNotContaining("s3cr3t").hasMessageNotContaining("s3/cr").hasMessageNotContaining("3t@");
        }
    }

    @Test
    void noUrlIsRefused() {
        assertThatThrownBy(() -> new ClusterSettings(List.of(), null, null, null, null, null, null, Duration.ofSeconds(1),
                Duration.ofSeconds(1))).hasMessageStartingWith("urls: at least one base URL is required");
        assertThatThrownBy(() -> ClusterSettings.of(" ")).hasMessage("urls: an empty entry is not a base URL");
    }

    @Test
    void toStringNeverShowsThePasswordOrTheApiKey() {
        ClusterSettings basic = ClusterSettings.of("https://es:9200").withBasicAuth("elastic", "s3cret-pass")
                .withCaCertificate(Path.of("/etc/tandem/ca.pem"));
        ClusterSettings keyed = ClusterSettings.of("https://es:9200").withApiKey("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAy");

        assertThat(basic.toString()).contains("username=elastic", "password=****", "/etc/tandem/ca.pem")
                .doesNotContain("s3cret-pass");
        assertThat(keyed.toString()).contains("apiKey=****").doesNotContain("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAy");
    }

    @Test
    void authenticationSettingsMustBeConsistent() {
        ClusterSettings plain = ClusterSettings.of("https://es:9200");
        assertThatThrownBy(() -> new ClusterSettings(plain.urls(), "elastic", null, null, null, null, null,
                plain.requestTimeout(), plain.connectTimeout())).hasMessage("username/password: give both or neither");
        assertThatThrownBy(() -> plain.withBasicAuth("", "x")).hasMessage("username: must not be empty");
        assertThatThrownBy(() -> plain.withApiKey(" ")).hasMessage("apiKey: must not be empty");
        assertThatThrownBy(() -> plain.withBasicAuth("elastic", "x").withApiKey("key"))
                .hasMessage("apiKey: give either an API key or username/password, not both");
        assertThatThrownBy(() -> ClusterSettings.of("http://es:9200").withCaCertificate(Path.of("ca.pem")))
                .hasMessage("caCertificate: given, but no url uses https");
        assertThatThrownBy(() -> new ClusterSettings(plain.urls(), null, null, null, null, Path.of("client.pem"), null,
                plain.requestTimeout(), plain.connectTimeout())).hasMessage("clientCertificate/clientKey: give both or neither");
        assertThatThrownBy(() -> ClusterSettings.of("http://es:9200").withClientCertificate(Path.of("c.pem"), Path.of("k.pem")))
                .hasMessage("clientCertificate: given, but no url uses https");
    }

    @Test
    void timeoutsMustBePositive() {
        ClusterSettings plain = ClusterSettings.of("http://es:9200");
        assertThatThrownBy(() -> plain.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("requestTimeout: must be positive and at most 2147483647 ms, was PT0S");
        assertThatThrownBy(() -> plain.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(-5)))
                .hasMessage("connectTimeout: must be positive and at most 2147483647 ms, was PT-0.005S");
    }
}
