package io.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.cluster.EngineRefusedException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ExitStatusTest {

    @Test
    void aWrongSettingOrInputIsTwo() {
        assertThat(CommandLines.exitStatusOf(new IllegalArgumentException("--bulk-size: must be at least 1, was 0")))
                .isEqualTo(CommandLines.USAGE_ERROR).isEqualTo(2);
    }

    @Test
    void aConnectionThatFailedAnywhereInTheCausesIsThree() {
        for (Exception transport : new Exception[] {new ConnectException("Connection refused"),
                new SocketTimeoutException("30,000 milliseconds timeout"), new UnknownHostException("search-old"),
                new SSLHandshakeException("PKIX path building failed")}) {
            RuntimeException wrapped = new IllegalStateException("cannot read the old index",
                    new UncheckedIOException("GET /messages failed", new java.io.IOException(transport)));
            assertThat(CommandLines.exitStatusOf(wrapped)).as(transport.toString()).isEqualTo(CommandLines.UNREACHABLE).isEqualTo(3);
        }
    }

    @Test
    void anEngineThatTurnsTandemAwayOrFailsIsThreeAndOneThatRefusesTheRequestIsOne() {
        for (int status : new int[] {401, 403, 429, 500, 503}) {
            assertThat(CommandLines.exitStatusOf(new IllegalStateException("cannot read the slices",
                    new EngineRefusedException("GET /messages/_settings answered HTTP " + status, status))))
                    .as("HTTP %d", status).isEqualTo(3);
        }
        for (int status : new int[] {400, 404, 409}) {
            assertThat(CommandLines.exitStatusOf(new EngineRefusedException("answered HTTP " + status, status)))
                    .as("HTTP %d", status).isEqualTo(1);
        }
    }

    @Test
    void anyOtherFailureIsOne() {
        assertThat(CommandLines.exitStatusOf(new IllegalStateException("the cutover was refused: lag")))
                .isEqualTo(CommandLines.FAILURE).isEqualTo(1);
        assertThat(CommandLines.exitStatusOf(new UncheckedIOException(new java.nio.file.AccessDeniedException("/data/dlq"))))
                .isEqualTo(1);
    }
}
