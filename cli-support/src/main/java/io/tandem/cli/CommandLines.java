package io.tandem.cli;

import io.tandem.core.cluster.EngineRefusedException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.apache.http.ConnectionClosedException;
import org.apache.http.conn.ConnectTimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** How every Tandem command line runs: settings from flags, environment and file; errors in one line. */
public final class CommandLines {

    /** The command line's name, which every error line starts with. */
    public static final String NAME = "tandem";

    /** Exit status of a check that failed, a refusal (a cutover, a schema conflict) or another failure at run time. */
    public static final int FAILURE = 1;
    /** Exit status of a wrong or missing setting, flag or input file. */
    public static final int USAGE_ERROR = 2;
    /** Exit status when a cluster or Kafka could not be reached, would not let Tandem in, or failed (5xx). */
    public static final int UNREACHABLE = 3;

    /**
     * The Kafka errors that say the broker could not be reached or refused the client, by class name: this module
     * has no Kafka dependency, and these are the names Kafka's clients throw (subclasses included).
     */
    private static final Set<String> KAFKA_UNREACHABLE = Set.of(
            "org.apache.kafka.common.errors.TimeoutException",
            "org.apache.kafka.common.errors.NetworkException",
            "org.apache.kafka.common.errors.AuthenticationException",
            "org.apache.kafka.common.errors.AuthorizationException",
            "org.apache.kafka.common.errors.SslAuthenticationException");

    private CommandLines() {
    }

    /**
     * The command line of {@code command} (an annotated object or a {@link CommandSpec}) in the house style, given
     * here once rather than on every {@code @Command}:
     * each command and subcommand has --help and --version, an abbreviated synopsis ({@code [OPTIONS]}) and its
     * options listed in the order they are declared, which groups them by concern.
     */
    public static CommandLine create(Object command) {
        CommandLine cli = new CommandLine(command);
        applyHouseStyle(cli);
        // TANDEM_LOG_FORMAT=json as much as --log-format JSON
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    private static void applyHouseStyle(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        if (!spec.mixinStandardHelpOptions()) {
            spec.mixinStandardHelpOptions(true);
        }
        spec.usageMessage().abbreviateSynopsis(true).sortOptions(false);
        cli.getSubcommands().values().forEach(CommandLines::applyHouseStyle);
    }

    /**
     * Runs {@code command}, the whole command line ({@code tandem} and every command under it), with {@code args}. A
     * wrong or missing setting is one line naming it (exit 2), and so is a key of the settings file that no command
     * knows; a cluster or Kafka that cannot be reached is one line saying which (exit 3); a refusal or failure at run
     * time is one line saying why (exit 1).
     */
    public static int execute(Object command, String[] args, Map<String, String> environment, PrintWriter out,
                              PrintWriter err) {
        return execute(NAME, command, true, args, environment, out, err);
    }

    /**
     * {@link #execute(Object, String[], Map, PrintWriter, PrintWriter)} of some of tandem's commands alone, as tests
     * run them: a settings file may hold the other commands' settings, so only a key close to a setting of these is
     * refused as misspelled.
     */
    public static int executeAlone(Object command, String[] args, Map<String, String> environment, PrintWriter out,
                                   PrintWriter err) {
        return execute(NAME, command, false, args, environment, out, err);
    }

    /** {@link #execute(Object, String[], Map, PrintWriter, PrintWriter)} of a tool with another name (the demo). */
    public static int execute(String name, Object command, String[] args, Map<String, String> environment,
                              PrintWriter out, PrintWriter err) {
        return execute(name, command, true, args, environment, out, err);
    }

    private static int execute(String name, Object command, boolean everyCommand, String[] args,
                               Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine cli = create(command).setOut(out).setErr(err);
        try {
            SettingsDefaultProvider settings = SettingsDefaultProvider.fromArgs(args, environment);
            settings.refuseUnknownKeys(cli.getCommandSpec(), everyCommand);
            settings.misspelledVariables(cli.getCommandSpec()).forEach(warning -> err.println(name + ": " + warning));
            cli.setDefaultValueProvider(settings);
        } catch (IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            return USAGE_ERROR;
        }
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println(name + ": " + e.getMessage().lines().findFirst().orElse("") + " (see --help)");
            return USAGE_ERROR;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(name + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return exitStatusOf(e);
        });
        return cli.execute(args);
    }

    /**
     * The exit status of an error a command threw: {@link #USAGE_ERROR} for a wrong setting or input (an
     * {@link IllegalArgumentException}, by this code base's convention), {@link #UNREACHABLE} when a connection
     * failed somewhere in its causes (refused, timed out, no answer in time, TLS, an unknown host; an engine answering
     * 401, 403, 429 or 5xx; Kafka's network, timeout,
     * authentication and authorization errors), {@link #FAILURE} otherwise.
     */
    static int exitStatusOf(Throwable error) {
        if (error instanceof IllegalArgumentException) {
            return USAGE_ERROR;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException || cause instanceof SocketTimeoutException
                    || cause instanceof SSLException || cause instanceof ConnectionClosedException
                    || cause instanceof ConnectTimeoutException || cause instanceof TimeoutException
                    || isKafkaUnreachable(cause.getClass())
                    || cause instanceof EngineRefusedException refused && refused.clusterFailed()) {
                return UNREACHABLE;
            }
        }
        return FAILURE;
    }

    private static boolean isKafkaUnreachable(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (KAFKA_UNREACHABLE.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
