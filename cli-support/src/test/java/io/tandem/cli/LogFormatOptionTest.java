package io.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.json.JsonMappers;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class LogFormatOptionTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private OutputStreamAppender<ILoggingEvent> appender;

    @Command(name = "logs-one-line")
    static final class LogsOneLine implements Callable<Integer> {

        @Mixin
        ConfigFileOption config;

        @Override
        public Integer call() {
            LoggerFactory.getLogger("io.tandem.test").warn("copied {} documents to \"messages-v2\"", 42,
                    new IllegalStateException("a cause"));
            return 0;
        }
    }

    @BeforeEach
    void captureTheRootLogger() {
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%level %logger - %msg%n");
        text.start();
        appender.setEncoder(text);
        appender.setOutputStream(written);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void detach() {
        root.detachAppender(appender);
    }

    @Test
    void textIsTheDefaultAlsoAfterACommandThatAskedForJson() {
        assertThat(run(Map.of("TANDEM_LOG_FORMAT", "JSON"))).isZero();
        written.reset();
        assertThat(run(Map.of())).isZero();
        assertThat(lines()).startsWith("WARN io.tandem.test - copied 42 documents to \"messages-v2\"");
    }

    @Test
    void jsonFromTheFlagOrTheEnvironmentWritesOneObjectPerLine() throws Exception {
        assertThat(run(Map.of("TANDEM_LOG_FORMAT", "json"))).isZero();
        String[] lines = lines().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode line = JsonMappers.PLAIN.readTree(lines[0]);
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("loggerName").asText()).isEqualTo("io.tandem.test");
        assertThat(line.path("formattedMessage").asText()).isEqualTo("copied 42 documents to \"messages-v2\"");
        assertThat(line.path("throwable").path("message").asText()).isEqualTo("a cause");
        assertThat(line.path("timestamp").asLong()).isPositive();
    }

    @Test
    void anUnknownFormatIsAUsageErrorNamingTheFlag() {
        StringWriter err = new StringWriter();
        int exit = CommandLines.execute("tandem-test", new LogsOneLine(), new String[] {"--log-format", "xml"}, Map.of(),
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("tandem-test: Invalid value for option '--log-format': expected one of [TEXT, JSON] (case-insensitive)");
    }

    private int run(Map<String, String> environment) {
        return CommandLines.execute("tandem-test", new LogsOneLine(), new String[0], environment,
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    private String lines() {
        return written.toString(StandardCharsets.UTF_8);
    }
}
