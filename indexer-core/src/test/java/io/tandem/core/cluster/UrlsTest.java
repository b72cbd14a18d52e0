package io.tandem.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://u:p@search_new:9200        | http://u:***@search_new:9200",
            "htps://u:p@es                     | htps://u:***@es",
            "https://elastic:s3cret@es:9200/   | https://elastic:***@es:9200/",
            "http://token@es:9200              | http://***@es:9200",
            "http://u:p@ss/w:rd@es:9200        | http://u:***@es:9200",
            "u:p@es:9200                       | u:***@es:9200",
            "http://es:9200                    | http://es:9200",
            "not a url                         | not a url"})
    void theUserInfoOfAUrlIsMaskedWhetherItParsesOrNot(String url, String redacted) {
        assertThat(Urls.redact(url)).isEqualTo(redacted);
    }

    @Test
    void urlsInFreeTextAreMasked() {
        assertThat(Urls.redactIn("Connect to http://u:p@search_new:9200 failed; also htps://u:p@es and http://es:9200"))
                .isEqualTo("Connect to http://u:***@search_new:9200 failed; also htps://u:***@es and http://es:9200");
        assertThat(Urls.redactIn("no url here")).isEqualTo("no url here");
        assertThat(Urls.redactIn(null)).isNull();
        assertThat(Urls.redact(null)).isNull();
    }

    @Test
    void userInfoIsFoundWhetherTheUrlParsesOrNot() {
        assertThat(Urls.hasUserInfo("http://u:p@search_new:9200")).isTrue();
        assertThat(Urls.hasUserInfo("htps://u:p@es")).isTrue();
        assertThat(Urls.hasUserInfo("http://es:9200")).isFalse();
        assertThat(Urls.hasUserInfo(null)).isFalse();
    }
}
