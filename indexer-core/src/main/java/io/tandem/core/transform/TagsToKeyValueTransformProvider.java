package io.tandem.core.transform;

import io.tandem.core.json.DotPath;
import io.tandem.query.KeyToValue;
import java.util.Map;
import java.util.Set;

/**
 * Provides {@link TagsToKeyValueTransform} as {@code tags-to-key-value}. Options:
 * <ul>
 *   <li>{@code source}: dot path of the tags map, e.g. {@code tags} or {@code actions.tags}; required;</li>
 *   <li>{@code target}: dot path of the list of pairs; defaults to {@code source}; must not be a parent of
 *       {@code source}, since writing it would replace the object holding the tags and its other fields;</li>
 *   <li>{@code separator}: between key and value in {@code keyToValue}; one character other than {@code \};
 *       defaults to {@code :}.</li>
 * </ul>
 */
public final class TagsToKeyValueTransformProvider implements TransformProvider {

    public static final String NAME = "tags-to-key-value";

    private static final String SOURCE = "source";
    private static final String TARGET = "target";
    private static final String SEPARATOR = "separator";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DocumentTransform create(Map<String, String> options) {
        TransformOptions checked = new TransformOptions(NAME, options, Set.of(SOURCE, TARGET, SEPARATOR));
        DotPath source = path(checked, SOURCE, checked.required(SOURCE));
        DotPath target = checked.optional(TARGET).map(text -> path(checked, TARGET, text)).orElse(source);
        if (target.isProperPrefixOf(source)) {
            throw checked.invalid(TARGET, TransformOptions.quote(target.toString()) + " must not be a parent of "
                    + SOURCE + " " + TransformOptions.quote(source.toString()));
        }
        String separator = checked.optional(SEPARATOR).orElse(KeyToValue.DEFAULT_SEPARATOR);
        if (!KeyToValue.isValidSeparator(separator)) {
            throw checked.invalid(SEPARATOR, "must be one character other than '\\', got "
                    + TransformOptions.quote(separator));
        }
        return new TagsToKeyValueTransform(source, target, separator);
    }

    private static DotPath path(TransformOptions options, String option, String text) {
        try {
            return DotPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw options.invalid(option, "is not a dot path: " + e.getMessage());
        }
    }
}
