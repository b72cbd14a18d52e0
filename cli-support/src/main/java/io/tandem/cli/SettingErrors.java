package io.tandem.cli;

import java.util.Map;

/** Core validates its settings by their record names; a CLI user needs the flag to fix. */
public final class SettingErrors {

    private SettingErrors() {
    }

    /** Replaces the leading {@code name:} of a core validation message with the flag that sets it. */
    public static IllegalArgumentException withFlag(IllegalArgumentException error, Map<String, String> flagsByName) {
        String message = String.valueOf(error.getMessage());
        for (Map.Entry<String, String> entry : flagsByName.entrySet()) {
            if (message.startsWith(entry.getKey() + ":")) {
                return new IllegalArgumentException(entry.getValue() + message.substring(entry.getKey().length()), error);
            }
        }
        return error;
    }
}
