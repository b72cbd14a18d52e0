package io.tandem.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.localstack.Engine;
import io.tandem.localstack.EngineEndpoint;
import io.tandem.localstack.LocalStack;
import io.tandem.localstack.PemTrust;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The secured search engines let in exactly what a production cluster does: HTTPS trusted through their CA
 * certificate and a user's password; no password or a wrong one is 401, a client trusting only the JDK's CAs fails
 * the handshake, plain HTTP gets no search answer; closing the stack stops every process of the engine (nginx too).
 */
class SecuredSearchEngineIT {

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"ELASTICSEARCH_7_SECURED", "OPENSEARCH_2_SECURED", "ELASTICSEARCH_8_SECURED"})
    void onlyTheUserOverTlsTrustedThroughTheCaCertificateIsLetInAndClosingStopsEveryProcess(Engine engine) throws Exception {
        EngineEndpoint endpoint;
        List<ProcessHandle> processes;
        try (LocalStack stack = new LocalStack(new LocalProcessProvider())) {
            endpoint = stack.start(List.of(engine)).get(engine).endpoint();
            assertThat(endpoint.address()).startsWith("https://127.0.0.1:");
            HttpClient trusting = HttpClient.newBuilder()
                    .sslContext(PemTrust.trusting(Path.of(endpoint.clientProperties().get("ca-cert")))).build();
            String user = endpoint.clientProperties().get("username");
            String password = endpoint.clientProperties().get("password");

            HttpResponse<String> in = get(trusting, endpoint.address(), basic(user, password));
            assertThat(in.statusCode()).isEqualTo(200);
            assertThat(in.body()).containsPattern("\"number\" ?: ?\"" + endpoint.version() + "\"");
            assertThat(get(trusting, endpoint.address(), null).statusCode()).isEqualTo(401);
            assertThat(get(trusting, endpoint.address(), basic(user, password + "x")).statusCode()).isEqualTo(401);
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), endpoint.address(), basic(user, password)))
                    .isInstanceOf(SSLHandshakeException.class);
            String plain = endpoint.address().replace("https://", "http://");
            assertThat(answersPlainHttpWithSearchJson(plain, basic(user, password))).isFalse();
            processes = ProcessHandle.current().descendants().toList();
            if (engine == Engine.ELASTICSEARCH_7_SECURED) {
                assertThat(processes.stream().map(p -> p.info().command().orElse(""))).anyMatch(c -> c.endsWith("nginx"));
            }
        }
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        URI uri = URI.create(endpoint.address());
        assertThatThrownBy(() -> new Socket(uri.getHost(), uri.getPort()).close()).isInstanceOf(ConnectException.class);
    }

    /** nginx answers plain HTTP on a TLS port with a 400 page; OpenSearch and Elasticsearch close the connection. */
    private static boolean answersPlainHttpWithSearchJson(String url, String authorization) {
        try {
            HttpResponse<String> answer = get(HttpClient.newHttpClient(), url, authorization);
            return answer.statusCode() == 200 && answer.body().contains("\"cluster_name\"");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/")).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
