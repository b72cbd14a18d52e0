package io.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
    void anyOtherFailureIsOne() {
        assertThat(CommandLines.exitStatusOf(new IllegalStateException("the cutover was refused: lag")))
                .isEqualTo(CommandLines.FAILURE).isEqualTo(1);
        assertThat(CommandLines.exitStatusOf(new UncheckedIOException(new java.nio.file.AccessDeniedException("/data/dlq"))))
                .isEqualTo(1);
    }
}
