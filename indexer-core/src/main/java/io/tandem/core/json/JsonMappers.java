package io.tandem.core.json;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mappers of Tandem, each configured here once. Mappers are thread-safe once built, so each is shared.
 *
 * <ul>
 *   <li>{@link #PLAIN}: Jackson's defaults, for what Tandem says to and reads from an engine about the cluster
 *       (settings, mappings, aliases, state documents, {@code _bulk} answers) and for its own reports;</li>
 *   <li>{@link #SOURCE} and {@link #COMMAND}: documents, as the backfill reads them from the old index and the consumer
 *       from the command topic. Both keep decimals exact ({@link #exactDecimals}), so that the two paths give the new
 *       cluster the same {@code _source};</li>
 *   <li>{@link #PRETTY}: indented, for files and output a person reads.</li>
 * </ul>
 */
public final class JsonMappers {

    /** Jackson's defaults. */
    public static final JsonMapper PLAIN = JsonMapper.builder().build();

    /** {@link #PLAIN}, indented: for output a person reads, never for what an engine or a program reads. */
    public static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * Documents read from an engine (scroll pages): exact decimals, and a single string as long as the engine allows
     * a document to be, since the default cap (20 MB) would fail a page for one large field.
     */
    public static final JsonMapper SOURCE = exactDecimals(JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                    .build()))
            .build();

    /**
     * Characters of a token that a {@link #COMMAND} parse error quotes (an unrecognized word, say), so that the reason
     * a record is dead-lettered with stays short.
     */
    public static final int COMMAND_ERROR_TOKEN_CHARS = 64;

    /**
     * Command records (Kafka values): exact decimals; a value with duplicate field names is an error, as its meaning
     * would be ambiguous; error messages quote at most {@link #COMMAND_ERROR_TOKEN_CHARS} characters of a token.
     */
    public static final JsonMapper COMMAND = exactDecimals(JsonMapper.builder(JsonFactory.builder()
                    .errorReportConfiguration(ErrorReportConfiguration.builder()
                            .maxErrorTokenLength(COMMAND_ERROR_TOKEN_CHARS).build())
                    .build()))
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonMappers() {
    }

    /**
     * The one rule for reading documents: numbers with a fraction stay {@link java.math.BigDecimal}s exactly as
     * written ({@code 1.10} is not {@code 1.1}, nor the double nearest to it), trailing zeros included. Integers need
     * nothing: Jackson already reads one too large for a long as a {@link java.math.BigInteger}.
     */
    private static JsonMapper.Builder exactDecimals(JsonMapper.Builder builder) {
        return builder.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }
}
