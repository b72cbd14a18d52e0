package io.tandem.app.operate;

import io.tandem.cli.ConfigFileOption;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tandem lag}: how far the indexer's consumer group is behind, per partition and in total. */
@Command(name = "lag",
        description = "Show the consumer group's lag on the command topic: per partition the committed offset, the log "
                + "start and end offsets and the lag (end - committed; from the log start where the group committed "
                + "nothing), and the total. Exit 0 whatever the lag.")
public final class LagCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    ConfigFileOption config;
    @Mixin
    ConsumerGroupOptions consumer;

    @Option(names = "--json", description = "Print the lag as JSON: group, topic, measuredAt, total and partitions "
            + "[{partition, committed, start, end, lag}].")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ConsumerLag lag = consumer.connect()) {
            LagReport report = consumer.measure(lag);
            out.print(json ? report.toJson().toPrettyString() + System.lineSeparator() : report.render());
            out.flush();
            return 0;
        }
    }
}
