package org.runreplicator.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.runreplicator.ReplicatorException;
import org.runreplicator.event.OnPremEvent;
import org.runreplicator.ledger.LedgerStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replicator notify DB TABLE --td-timestamp TS --topic projects/P/topics/T}: publishes the
 * on-prem "run finished" event (DESIGN.md) and waits until Pub/Sub acknowledges it. Needs no Hadoop:
 * it runs from the job jar alone on an on-prem edge node. Exit 0 once the event is stored by Pub/Sub;
 * 2 for bad arguments; 4 when it cannot be published within {@code --timeout} (transient errors are
 * retried until then, permanent ones such as a missing topic fail at once).
 */
@Command(name = "notify", sortOptions = false, usageHelpAutoWidth = true,
        description = "Publish the on-prem \"run finished\" event of a table to Pub/Sub, for the trigger function that"
                + " starts the GCP copy.",
        footer = {"", "With PUBSUB_EMULATOR_HOST=host:port set, publishes to that emulator over plaintext, without credentials;"
                + " otherwise with Application Default Credentials."})
final class NotifyCommand implements Callable<Integer> {
    static final String EMULATOR_VARIABLE = "PUBSUB_EMULATOR_HOST";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The Pub/Sub client refuses a shorter total timeout. */
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(10);

    @Parameters(index = "0", paramLabel = "DB", description = "Teradata database of the table the on-prem run copied.")
    String database;

    @Parameters(index = "1", paramLabel = "TABLE", description = "Teradata table the on-prem run copied.")
    String table;

    @Option(names = "--td-timestamp", paramLabel = "ISO-8601", description = "The on-prem run's time (required).")
    String tdTimestamp;

    @Option(names = "--topic", paramLabel = "projects/P/topics/T", description = "Pub/Sub topic to publish to (required).")
    String topic;

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "SUCCEEDED",
            description = "How the on-prem run ended: SUCCEEDED (default) or FAILED.")
    String status;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Give up publishing after this long, retries included (default: 60s, at least 10s).")
    String timeout;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of option values, keys without dashes.")
    String configFile;

    private final Invocation invocation;

    NotifyCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        OnPremEvent event = event();
        PubSubTopic target = PubSubTopic.parse(required(topic, "--topic"));
        Duration bound = timeout == null ? DEFAULT_TIMEOUT : WaitDuration.parse(timeout, "--timeout");
        if (bound.compareTo(MIN_TIMEOUT) < 0) {
            throw ReplicatorException.usage("Invalid --timeout '" + timeout + "': at least " + MIN_TIMEOUT.getSeconds()
                    + "s, the shortest the Pub/Sub client accepts");
        }
        String emulator = invocation.env().get(EMULATOR_VARIABLE);
        EventPublisher publisher = new PubSubEventPublisher(target, emulator == null || emulator.isBlank() ? null : emulator.trim(), bound);
        String messageId = publisher.publish(event);
        invocation.err().println("Published " + event + " to " + target + " as message " + messageId);
        invocation.out().println("{\"status\":\"PUBLISHED\",\"topic\":\"" + target + "\",\"messageId\":\"" + messageId + "\"}");
        return 0;
    }

    private OnPremEvent event() {
        Instant td = TdTimestamp.parse(required(tdTimestamp, "--td-timestamp"));
        LedgerStatus ended;
        try {
            ended = LedgerStatus.parse(status);
        } catch (IllegalArgumentException e) {
            throw ReplicatorException.usage("Invalid --status '" + status + "': expected SUCCEEDED or FAILED");
        }
        try {
            return OnPremEvent.of(database, table, td, ended);
        } catch (IllegalArgumentException e) {
            throw ReplicatorException.usage("Cannot notify: " + e.getMessage());
        }
    }

    private static String required(String value, String option) {
        if (value == null || value.isBlank()) {
            throw ReplicatorException.usage("replicator notify needs " + option);
        }
        return value.trim();
    }
}
