package io.tandem.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings read from files the user names: a secret alone in its file, or Java properties. An error names the flag
 * and the path, never what the file holds.
 */
public final class SettingFiles {

    private SettingFiles() {
    }

    /**
     * A secret given either directly ({@code --target-password}) or in a file ({@code --target-password-file}), the
     * way Kubernetes mounts secrets: the file's content less one trailing line break, as {@code echo} adds one.
     *
     * @return the secret, or {@code null} when neither flag is given
     * @throws IllegalArgumentException naming both flags when both are given; naming {@code fileFlag} and the path
     *                                  when the file cannot be read or holds nothing
     */
    public static String secret(String flag, String value, String fileFlag, Path file) {
        if (file == null) {
            return value;
        }
        if (value != null) {
            throw new IllegalArgumentException(flag + " and " + fileFlag + ": give one or the other, not both");
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(fileFlag, file, e);
        }
        String secret = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        if (secret.isBlank()) {
            throw new IllegalArgumentException(fileFlag + ": " + file + " is empty");
        }
        return secret;
    }

    /**
     * The Java properties in {@code file} (UTF-8).
     *
     * @throws IllegalArgumentException naming {@code flag} and the path when the file cannot be read, and the keys
     *                                  when it gives one more than once (Java properties would keep the last silently)
     */
    public static Properties properties(String flag, Path file) {
        Set<String> repeated = new TreeSet<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (containsKey(key)) {
                    repeated.add(String.valueOf(key));
                }
                return super.put(key, value);
            }
        };
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed \\uXXXX escape; neither message quotes the content
            throw unreadable(flag, file, e);
        }
        if (!repeated.isEmpty()) {
            throw new IllegalArgumentException(flag + ": " + file + " gives " + String.join(", ", repeated)
                    + " more than once; only the last would count: give each key once");
        }
        return properties;
    }

    private static IllegalArgumentException unreadable(String flag, Path file, Exception e) {
        return new IllegalArgumentException(flag + ": cannot read " + file + " (" + e + ")", e);
    }
}
