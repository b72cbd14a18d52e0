package io.tandem.localstack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds a {@code java} executable of at least a given feature version on this machine. */
public final class JavaRuntimes {

    /** A JDK home to use for engines that need Java 21+ (OpenSearch 3). Also read as TANDEM_JAVA21_HOME. */
    public static final String JAVA21_HOME_PROPERTY = "tandem.java21.home";

    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");
    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)(?:\\.(\\d+))?.*\"", Pattern.MULTILINE);

    private JavaRuntimes() {
    }

    /**
     * The java executable to run a process that needs {@code minimumFeature}: this JVM's own when it is new
     * enough, else the one named by {@value #JAVA21_HOME_PROPERTY} / TANDEM_JAVA21_HOME, else the lowest
     * sufficient JDK under /usr/lib/jvm.
     */
    public static Optional<Path> find(int minimumFeature) {
        if (Runtime.version().feature() >= minimumFeature) {
            return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
        }
        String configured = System.getProperty(JAVA21_HOME_PROPERTY, System.getenv("TANDEM_JAVA21_HOME"));
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            return featureOf(home).orElse(0) >= minimumFeature ? executable(home) : Optional.empty();
        }
        return candidates().stream()
                .filter(home -> featureOf(home).orElse(0) >= minimumFeature)
                .min(Comparator.comparingInt(home -> featureOf(home).orElse(Integer.MAX_VALUE)))
                .flatMap(JavaRuntimes::executable);
    }

    /** Says where {@link #find} looked, for the message of an engine that cannot start. */
    public static String searchedPlaces() {
        return "this JVM (" + Runtime.version().feature() + "), -D" + JAVA21_HOME_PROPERTY
                + ", $TANDEM_JAVA21_HOME, " + JVM_DIRECTORY + "/*";
    }

    static OptionalInt featureOf(Path javaHome) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(javaHome.resolve("release")));
            if (!m.find()) {
                return OptionalInt.empty();
            }
            int first = Integer.parseInt(m.group(1));
            // "1.8.0" style versions name the feature in the second number
            return OptionalInt.of(first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first);
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static List<Path> candidates() {
        if (!Files.isDirectory(JVM_DIRECTORY)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(JVM_DIRECTORY)) {
            return homes.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<Path> executable(Path home) {
        Path java = home.resolve("bin").resolve("java");
        return Files.isExecutable(java) ? Optional.of(java) : Optional.empty();
    }
}
