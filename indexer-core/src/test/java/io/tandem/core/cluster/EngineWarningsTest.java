package io.tandem.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.tandem.core.sink.LogLines;
import org.apache.commons.logging.LogFactory;
import org.apache.http.HttpVersion;
import org.apache.http.message.BasicHttpRequest;
import org.apache.http.message.BasicHttpResponse;
import org.apache.http.protocol.BasicHttpContext;
import org.apache.http.protocol.HttpCoreContext;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

class EngineWarningsTest {

    /** As OpenSearch 2.19.1 answers a mapping that disables {@code _field_names}. */
    private static final String FIELD_NAMES = "299 OpenSearch-2.19.1-2e4741fb \"Disabling _field_names is not necessary "
            + "because it no longer carries a large index overhead.\"";

    @Test
    void theTextIsTheQuotedPartUnescapedWithOrWithoutADate() {
        assertThat(EngineWarnings.text(FIELD_NAMES)).isEqualTo("Disabling _field_names is not necessary because it no "
                + "longer carries a large index overhead.");
        assertThat(EngineWarnings.text("299 OpenSearch-2.19.1-x \"[a] is \\\"old\\\"\" \"Mon, 07 Dec 2026 05:00:00 GMT\""))
                .isEqualTo("[a] is \"old\"");
        assertThat(EngineWarnings.text("not the standard form")).isEqualTo("not the standard form");
    }

    @Test
    void eachWarningIsLoggedOncePerClusterNamingTheFirstRequestWithoutItsParameters() {
        EngineWarnings warnings = new EngineWarnings("http://old:9200");
        try (LogLines lines = new LogLines(EngineWarnings.class)) {
            answer(warnings, "PUT", "/_template/t1?order=1", FIELD_NAMES);
            answer(warnings, "PUT", "/_template/t2", FIELD_NAMES);
            answer(warnings, "GET", "/_search/scroll", "299 Elasticsearch-9.5.3-d4 \"another\"", FIELD_NAMES);
            answer(warnings, "GET", "/");

            assertThat(lines.at(Level.WARN)).containsExactly(
                    "http://old:9200 warns: Disabling _field_names is not necessary because it no longer carries a "
                            + "large index overhead. (first drawn by PUT /_template/t1; not repeated)",
                    "http://old:9200 warns: another (first drawn by GET /_search/scroll; not repeated)");
        }
    }

    @Test
    void theClientsOwnLoggingGoesThroughSlf4jSoLogbackGovernsIt() {
        assertThat(LogFactory.getLog(RestClient.class).getClass().getName()).contains("SLF4J");
    }

    private static void answer(EngineWarnings warnings, String method, String uri, String... headers) {
        BasicHttpResponse response = new BasicHttpResponse(HttpVersion.HTTP_1_1, 200, "OK");
        for (String header : headers) {
            response.addHeader("Warning", header);
        }
        BasicHttpContext context = new BasicHttpContext();
        context.setAttribute(HttpCoreContext.HTTP_REQUEST, new BasicHttpRequest(method, uri));
        warnings.process(response, context);
    }
}
