package io.tandem.ops.parity;

import io.tandem.core.transform.IdentityTransformProvider;
import io.tandem.core.transform.TagsToKeyValueTransformProvider;
import io.tandem.core.transform.Transforms;
import io.tandem.query.KeyToValue;
import io.tandem.query.TagQueries;
import java.util.Map;

/** The query translation that goes with a document transform: queries must follow the data. */
public final class QueryTranslators {

    private QueryTranslators() {
    }

    /**
     * The translator for data moved with transform {@code name} and {@code options} (as given to the consumer and
     * the backfill): {@code identity} asks every query unchanged; {@code tags-to-key-value} rewrites the tag parts
     * ({@link TagQueryTranslator}).
     *
     * @throws IllegalArgumentException when the options are not valid for the transform, or for a transform that
     *                                  has no query translation
     */
    public static QueryTranslator forTransform(String name, Map<String, String> options) {
        Transforms.load(name, options); // the transform's own checks of its options, with its messages
        return switch (name) {
            case IdentityTransformProvider.NAME -> QueryTranslator.UNCHANGED;
            case TagsToKeyValueTransformProvider.NAME -> {
                // the transform's defaults: target = source, the default separator
                String source = options.get("source");
                yield new TagQueryTranslator(source, TagQueries.at(options.getOrDefault("target", source),
                        options.getOrDefault("separator", KeyToValue.DEFAULT_SEPARATOR)));
            }
            default -> throw new IllegalArgumentException("no query translation for transform '" + name
                    + "': queries can be translated for " + IdentityTransformProvider.NAME + " and "
                    + TagsToKeyValueTransformProvider.NAME);
        };
    }
}
