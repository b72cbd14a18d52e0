package io.tandem.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one rule that decides which settings are secret, so that no log line or printed settings show their values:
 * a setting is secret when its name — an option ({@code --target-password}) or a client property given by hand
 * ({@code --kafka-property sasl.jaas.config=...}) — contains {@code password}, {@code secret}, {@code token},
 * {@code jaas}, {@code key}, {@code credential} or {@code user.info}, in any case, with {@code .}, {@code -} or
 * {@code _} between words. So {@code ssl.key.password}, {@code ssl.keystore.key}, {@code sasl.jaas.config},
 * {@code sasl.oauthbearer.client.credentials.client.secret} and {@code basic.auth.user.info} are secret. It errs on the
 * side of masking: {@code key.serializer} is masked too, which costs a log line some detail, never a secret.
 */
public final class SecretNames {

    /** What a secret value is shown as. */
    public static final String MASK = "****";

    static final List<String> MARKERS = List.of("password", "secret", "token", "jaas", "key", "credential", "user.info");

    private SecretNames() {
    }

    /** Whether the setting named {@code name} holds a secret. */
    public static boolean isSecret(String name) {
        String words = name.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
        return MARKERS.stream().anyMatch(words::contains);
    }

    /** {@code value} as text, or {@link #MASK} when {@code name} is secret. */
    public static String show(String name, Object value) {
        return isSecret(name) ? MASK : String.valueOf(value);
    }

    /** The settings in their order, each secret value replaced by {@link #MASK}: what may be logged of them. */
    public static Map<String, String> masked(Map<?, ?> settings) {
        Map<String, String> shown = new LinkedHashMap<>();
        settings.forEach((name, value) -> shown.put(String.valueOf(name), show(String.valueOf(name), value)));
        return shown;
    }
}
