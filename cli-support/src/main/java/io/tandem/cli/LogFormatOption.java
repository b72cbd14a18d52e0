package io.tandem.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * How log lines are written: as text for a terminal, or one JSON object per line for a log pipeline (Loki,
 * Elasticsearch, CloudWatch) that should not parse text. Applied when the command line is parsed, before the command
 * logs anything.
 */
public final class LogFormatOption {

    /** The formats. */
    public enum LogFormat { TEXT, JSON }

    @Option(names = "--log-format", defaultValue = "TEXT", paramLabel = "FORMAT",
            description = "Log lines as TEXT, or JSON: one object per line with timestamp, level, thread, logger, "
                    + "message and any exception (default: ${DEFAULT-VALUE}).")
    void format(LogFormat format) {
        apply(format);
    }

    /** The encoders the JSON format replaced, to give them back when a later command in this JVM asks for TEXT. */
    private static final Map<OutputStreamAppender<ILoggingEvent>, Encoder<ILoggingEvent>> REPLACED = new ConcurrentHashMap<>();

    /**
     * Gives every appender of the root logger that writes a stream the encoder of {@code format}: JSON replaces the
     * one the application's logback.xml configured, TEXT puts it back.
     */
    static synchronized void apply(LogFormat format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext(); ) {
            if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> stream) {
                if (format == LogFormat.JSON && !REPLACED.containsKey(stream)) {
                    JsonEncoder json = new JsonEncoder();
                    json.setContext(context);
                    json.setWithFormattedMessage(true); // the message as read, beside its pattern and arguments
                    json.setWithContext(false);
                    json.setWithSequenceNumber(false);
                    json.setWithNanoseconds(false);
                    json.start();
                    REPLACED.put(stream, stream.getEncoder());
                    swap(stream, json);
                } else if (format == LogFormat.TEXT && REPLACED.containsKey(stream)) {
                    swap(stream, REPLACED.remove(stream));
                }
            }
        }
    }

    /** On the running appender: stopping it would close its stream, which only a console or file appender reopens. */
    private static void swap(OutputStreamAppender<ILoggingEvent> stream, Encoder<ILoggingEvent> encoder) {
        stream.setEncoder(encoder);
    }
}
