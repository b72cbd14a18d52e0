package io.tandem.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineInfoTest {

    @Test
    void elasticsearchReportsNoDistribution() {
        EngineInfo es6 = EngineInfo.fromRoot(Json.parse("{'name':'n','version':{'number':'6.8.9','build_flavor':'unknown',"
                + "'lucene_version':'7.7.3'},'tagline':'You Know, for Search'}"));
        EngineInfo es7 = EngineInfo.fromRoot(Json.parse("{'version':{'number':'7.10.2','build_flavor':'default'}}"));

        assertThat(es6).isEqualTo(new EngineInfo("elasticsearch", "6.8.9", 6, 8));
        assertThat(es6.typedMappings()).isTrue();
        assertThat(es7).isEqualTo(new EngineInfo("elasticsearch", "7.10.2", 7, 10));
        assertThat(es7.typedMappings()).isFalse();
    }

    @Test
    void openSearchSaysSo() {
        EngineInfo os2 = EngineInfo.fromRoot(Json.parse("{'version':{'distribution':'opensearch','number':'2.19.1'}}"));
        EngineInfo os3 = EngineInfo.fromRoot(Json.parse("{'version':{'distribution':'opensearch','number':'3.8.0'}}"));

        assertThat(os2).isEqualTo(new EngineInfo("opensearch", "2.19.1", 2, 19));
        assertThat(os3).isEqualTo(new EngineInfo("opensearch", "3.8.0", 3, 8));
        assertThat(os2.typedMappings()).isFalse();
        assertThat(os2).hasToString("opensearch 2.19.1");
    }

    @Test
    void preReleaseNumbersStillGiveMajorAndMinor() {
        assertThat(EngineInfo.fromRoot(Json.parse("{'version':{'number':'8.0.0-SNAPSHOT'}}")))
                .isEqualTo(new EngineInfo("elasticsearch", "8.0.0-SNAPSHOT", 8, 0));
    }

    @Test
    void anAnswerWithoutAVersionIsAnError() {
        assertThatThrownBy(() -> EngineInfo.fromRoot(Json.parse("{'ok':true}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("GET / answered no version.number of the form <major>.<minor>...: {\"ok\":true}");
        assertThatThrownBy(() -> new EngineInfo(" ", "7.10.2", 7, 10)).hasMessage("distribution: must not be blank, was  ");
        assertThatThrownBy(() -> new EngineInfo("elasticsearch", "7.10.2", -1, 10))
                .hasMessage("major, minor: must not be negative, were -1, 10");
    }
}
