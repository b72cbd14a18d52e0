package io.tandem.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The images' structure, checked without a Docker engine (none runs where CI does): a JDK build stage, JRE-only
 * runtime targets, a non-root user, a health check, an entry point in exec form, pinned base images.
 */
class DockerfileStructureTest {

    private static Dockerfile dockerfile;

    @BeforeAll
    static void read() throws Exception {
        dockerfile = Dockerfile.read(Path.of("Dockerfile"));
    }

    @Test
    void buildsInAJdkStageAndRunsOnAJreImage() {
        assertThat(dockerfile.stages()).containsKeys("build", "runtime", "indexer", "backfill");
        assertThat(dockerfile.stages().get("build").from()).contains("maven:").contains("temurin-17");
        assertThat(dockerfile.stages().get("runtime").from()).matches("eclipse-temurin:\\d+-jre");
        assertThat(dockerfile.stages().get("indexer").from()).isEqualTo("runtime");
        assertThat(dockerfile.stages().get("backfill").from()).isEqualTo("runtime");
    }

    @Test
    void everyBaseImageIsPinnedToAVersion() {
        for (Dockerfile.Stage stage : dockerfile.stages().values()) {
            if (!dockerfile.stages().containsKey(stage.from())) {
                assertThat(stage.from()).as("stage " + stage.name()).contains(":").doesNotEndWith(":latest");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"indexer", "backfill"})
    void eachTargetRunsAsANonRootUser(String target) {
        List<String> users = dockerfile.stages().get(target).arguments("USER");
        assertThat(users).as("USER in " + target).isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).isNotIn("root", "0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"indexer", "backfill"})
    void eachTargetHasAHealthCheckOnItsStatusPort(String target) {
        Dockerfile.Stage stage = dockerfile.stages().get(target);
        assertThat(stage.arguments("HEALTHCHECK")).singleElement().asString()
                .contains("CMD").contains("/health").contains("${TANDEM_STATUS_PORT}");
        assertThat(String.join(" ", stage.arguments("ENV"))).contains("TANDEM_STATUS_PORT=");
        assertThat(stage.arguments("EXPOSE")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"indexer", "backfill"})
    void eachTargetCopiesOnlyTheBuiltJarAndStartsItInExecForm(String target) {
        Dockerfile.Stage stage = dockerfile.stages().get(target);
        assertThat(stage.arguments("COPY")).singleElement().asString().contains("--from=build").contains(".jar");
        assertThat(stage.arguments("ENTRYPOINT")).singleElement().asString().startsWith("[\"java\"").contains("-jar");
        // a shell-form entry point would run java under /bin/sh, which does not pass SIGTERM on
        assertThat(stage.inherited(dockerfile, "ADD")).as("ADD fetches remote files; COPY is explicit").isEmpty();
    }

    @Test
    void theBackfillWritesItsDeadLettersWhereItsUserMayWrite() {
        // the relative default would land in the root-owned /app, and the backfill would refuse to start
        Dockerfile.Stage backfill = dockerfile.stages().get("backfill");
        assertThat(String.join(" ", backfill.arguments("ENV"))).contains("TANDEM_DEAD_LETTER_FILE=/data/");
        assertThat(backfill.arguments("VOLUME")).singleElement().asString().isEqualTo("/data");
        assertThat(String.join(" ", dockerfile.stages().get("runtime").arguments("RUN")))
                .contains("install -d -o 10001 -g 10001 -m 0750 /data");
    }
}
