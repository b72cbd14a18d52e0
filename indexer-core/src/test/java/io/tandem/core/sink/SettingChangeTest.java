package io.tandem.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingChangeTest {

    @Test
    void printsBeforeAndAfterWithDefaultForNull() {
        assertThat(new SettingChange("index.refresh_interval", "1s", "-1"))
                .hasToString("index.refresh_interval: 1s -> -1");
        assertThat(new SettingChange("index.translog.durability", null, "async"))
                .hasToString("index.translog.durability: (default) -> async");
        assertThat(new SettingChange("index.translog.durability", "async", null))
                .hasToString("index.translog.durability: async -> (default)");
    }
}
