package io.tandem.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimesTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(JavaRuntimes.JAVA21_HOME_PROPERTY);
    }

    @Test
    void featureVersionIsReadFromTheReleaseFileInBothNumberingSchemes() throws IOException {
        assertThat(JavaRuntimes.featureOf(fakeJdk("jdk25", "25.0.1"))).isEqualTo(OptionalInt.of(25));
        assertThat(JavaRuntimes.featureOf(fakeJdk("jdk17", "17.0.15"))).isEqualTo(OptionalInt.of(17));
        assertThat(JavaRuntimes.featureOf(fakeJdk("jdk8", "1.8.0_392"))).isEqualTo(OptionalInt.of(8));
        assertThat(JavaRuntimes.featureOf(dir.resolve("not-a-jdk"))).isEmpty();
    }

    @Test
    void thisJvmIsUsedWhenItIsNewEnough() {
        assertThat(JavaRuntimes.find(Runtime.version().feature()))
                .contains(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    @Test
    void configuredHomeIsUsedForANewerJavaThanThisJvm() throws IOException {
        assumeTrue(Runtime.version().feature() < 21, "this JVM is already 21+");
        Path home = fakeJdk("configured", "21.0.4");
        System.setProperty(JavaRuntimes.JAVA21_HOME_PROPERTY, home.toString());
        assertThat(JavaRuntimes.find(21)).contains(home.resolve("bin").resolve("java"));
    }

    @Test
    void configuredHomeThatIsTooOldGivesNoRuntime() throws IOException {
        assumeTrue(Runtime.version().feature() < 21, "this JVM is already 21+");
        System.setProperty(JavaRuntimes.JAVA21_HOME_PROPERTY, fakeJdk("old", "17.0.2").toString());
        assertThat(JavaRuntimes.find(21)).isEmpty();
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
