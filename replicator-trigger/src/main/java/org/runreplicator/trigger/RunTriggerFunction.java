package org.runreplicator.trigger;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import java.time.Clock;
import org.runreplicator.event.MalformedEventException;
import org.runreplicator.event.OnPremEvent;
import org.runreplicator.event.OnPremEventFormat;
import org.runreplicator.ledger.LedgerException;
import org.runreplicator.ledger.LedgerKey;
import org.runreplicator.ledger.LedgerStatus;
import org.runreplicator.ledger.RunLedger;
import org.runreplicator.ledger.RunLedgers;
import org.runreplicator.run.RunOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger function: on each on-prem "run finished" event published to Pub/Sub
 * ({@code google.cloud.pubsub.topic.v1.messagePublished}), records the on-prem run (its status
 * from the event) and a PENDING GCP run in the ledger, then starts the DAG run that copies the
 * table on GCP. Delivery is at least once, and every step is idempotent: the ledger's writes never
 * move a row backwards, and the DAG run id is a function of the event ({@link DagRunId}), so a
 * redelivery leaves one ledger pair and one DAG run.
 *
 * <p>Returning acknowledges the message; throwing makes Pub/Sub redeliver it. So:
 * <ul>
 *   <li>a malformed event (see {@link OnPremEventFormat#decode}, {@link PubSubCloudEvent}) is logged
 *       with the reason and acknowledged, touching nothing: redelivery would not mend it;</li>
 *   <li>a ledger write that fails after the ledger's own bounded retries, or a transient Airflow
 *       failure (5xx, 429, timeouts, connection errors), throws: redelivered later;</li>
 *   <li>Airflow refusing the run (4xx other than 409 and 429) is logged and acknowledged;</li>
 *   <li>an on-prem run that FAILED is recorded as such, and nothing is started on GCP: there is no
 *       new on-prem state to mirror.</li>
 * </ul>
 * Configured by environment variables ({@link TriggerSettings}).
 */
public final class RunTriggerFunction implements CloudEventsFunction {
    private static final Logger LOG = LoggerFactory.getLogger(RunTriggerFunction.class);
    private static final String GCP = RunOptions.DEFAULT_ENVIRONMENT;

    private final RunLedger ledger;
    private final boolean createLedgerTable;
    private final DagTrigger dag;
    private volatile boolean ledgerPrepared;

    /** What the Functions Framework calls: configuration from the environment. */
    public RunTriggerFunction() {
        this(TriggerSettings.fromEnvironment(System.getenv()), Clock.systemUTC());
    }

    RunTriggerFunction(TriggerSettings settings, Clock clock) {
        this(RunLedgers.open(settings.ledger(), clock).orElseThrow(), settings.ledger().createTable(), settings.dagTrigger());
    }

    RunTriggerFunction(RunLedger ledger, boolean createLedgerTable, DagTrigger dag) {
        this.ledger = ledger;
        this.createLedgerTable = createLedgerTable;
        this.dag = dag;
        LOG.info("Run trigger ready: ledger {}, DAG runs at {}", ledger.describe(), dag.describe());
    }

    @Override
    public void accept(CloudEvent cloudEvent) {
        OnPremEvent event;
        try {
            event = OnPremEventFormat.decode(PubSubCloudEvent.messageData(cloudEvent));
        } catch (MalformedEventException e) {
            LOG.warn("Ignoring CloudEvent {} from {}: {}", cloudEvent.getId(), cloudEvent.getSource(), e.getMessage());
            return;
        }
        handle(event, cloudEvent.getId());
    }

    private void handle(OnPremEvent event, String eventId) {
        LedgerKey onPrem = new LedgerKey(event.dbName(), event.tableName(), event.tdTimestamp(), OnPremEvent.ENVIRONMENT);
        try {
            prepareLedger();
            ledger.record(onPrem, event.status(), null);
            if (event.status() != LedgerStatus.SUCCEEDED) {
                LOG.info("Event {}: recorded {}; the on-prem run did not succeed, so no GCP run is started", eventId, event);
                return;
            }
            ledger.record(onPrem.inEnvironment(GCP), LedgerStatus.PENDING, null);
        } catch (LedgerException e) {
            throw new TransientTriggerException("Cannot record " + event + " in the ledger " + ledger.describe()
                    + " (Pub/Sub will redeliver): " + e.getMessage(), e);
        }
        try {
            DagTrigger.Outcome outcome = dag.trigger(event);
            LOG.info("Event {}: recorded {} and GCP PENDING; DAG run {} {}", eventId, event, DagRunId.of(event),
                    outcome == DagTrigger.Outcome.TRIGGERED ? "triggered" : "already triggered (a redelivery)");
        } catch (RefusedTriggerException e) {
            LOG.error("Event {}: recorded {}, but Airflow refused the DAG run; acknowledged, not retried: {}", eventId, event,
                    e.getMessage());
        }
    }

    private void prepareLedger() {
        if (!ledgerPrepared) {
            synchronized (this) {
                if (!ledgerPrepared) {
                    ledger.prepare(createLedgerTable);
                    ledgerPrepared = true;
                }
            }
        }
    }
}
