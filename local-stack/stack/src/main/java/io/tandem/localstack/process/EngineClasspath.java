package io.tandem.localstack.process;

import io.tandem.localstack.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The classpath of one engine, as Maven resolved it when the engine-* module was built
 * ({@code META-INF/tandem/engines/<id>.classpath}).
 */
final class EngineClasspath {

    private EngineClasspath() {
    }

    static List<Path> of(Engine engine) {
        String resource = "META-INF/tandem/engines/" + engine.server().id() + ".classpath";
        String text;
        try (InputStream in = EngineClasspath.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath: build local-stack with Maven "
                        + "('mvn -DskipTests install') so that the engine modules record their classpaths");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> entries = Arrays.stream(text.split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .toList();
        entries.stream().filter(p -> !Files.exists(p)).findFirst().ifPresent(missing -> {
            throw new IllegalStateException(engine.displayName() + " classpath names " + missing
                    + ", which is not there: the local Maven repository changed since the build; run "
                    + "'mvn -DskipTests install' again");
        });
        return entries;
    }
}
