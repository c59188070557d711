package org.runreplicator.trigger;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.runreplicator.Secret;
import org.runreplicator.ledger.LedgerOptions;
import org.runreplicator.ledger.LedgerSpec;
import org.runreplicator.ledger.jdbc.JdbcLedger;

/**
 * The function's configuration, read once from its environment variables (set with
 * {@code gcloud functions deploy --set-env-vars}, the password with {@code --set-secrets}) into
 * typed values; nothing else reads the environment. A missing or invalid variable fails the
 * function's start with {@link IllegalStateException} naming it (never its value when secret).
 */
public final class TriggerSettings {
    /** Required: {@code bigquery:PROJECT.DATASET.TABLE}, {@code jdbc:postgresql://...}, {@code jdbc:mysql://...}. */
    public static final String LEDGER = "REPLICATOR_LEDGER";
    /** Table of a JDBC ledger; default {@value LedgerSpec#DEFAULT_TABLE}. */
    public static final String LEDGER_TABLE = "REPLICATOR_LEDGER_TABLE";
    public static final String LEDGER_USER = "REPLICATOR_LEDGER_USER";
    /** A JDBC ledger's password: map it from Secret Manager, never a plain variable. */
    public static final String LEDGER_PASSWORD = "REPLICATOR_LEDGER_PASSWORD";
    /** {@code true}: create the ledger table when it is missing; default {@code false}. */
    public static final String LEDGER_CREATE = "REPLICATOR_LEDGER_CREATE";
    /** Tests: a BigQuery ledger talks to this emulator ({@code host:port}) without credentials. */
    public static final String BIGQUERY_EMULATOR_HOST = "BIGQUERY_EMULATOR_HOST";
    /** Required: the Airflow web server, Composer's {@code airflowUri}. */
    public static final String AIRFLOW_URL = "REPLICATOR_AIRFLOW_URL";
    /** The DAG to trigger; default {@value #DEFAULT_DAG}. */
    public static final String AIRFLOW_DAG = "REPLICATOR_AIRFLOW_DAG";
    /** {@code v1} (Airflow 2) or {@code v2} (Airflow 3); default {@code v2}. */
    public static final String AIRFLOW_API = "REPLICATOR_AIRFLOW_API";
    /** {@code google} (default: an access token from Application Default Credentials) or {@code none} (loopback Airflow only). */
    public static final String AIRFLOW_AUTH = "REPLICATOR_AIRFLOW_AUTH";
    /** Bound of one Airflow call in seconds; default 30. */
    public static final String AIRFLOW_TIMEOUT_SECONDS = "REPLICATOR_AIRFLOW_TIMEOUT_SECONDS";

    public static final String DEFAULT_DAG = "run_replicator";
    public static final AirflowApiVersion DEFAULT_API = AirflowApiVersion.V2;
    public static final Duration DEFAULT_AIRFLOW_TIMEOUT = Duration.ofSeconds(30);

    // Airflow's own rule for DAG ids.
    private static final Pattern DAG_ID = Pattern.compile("[A-Za-z0-9_.-]{1,250}");

    private final LedgerOptions ledger;
    private final URI airflowUrl;
    private final String dagId;
    private final AirflowApiVersion apiVersion;
    private final boolean googleAuth;
    private final Duration airflowTimeout;

    private TriggerSettings(LedgerOptions ledger, URI airflowUrl, String dagId, AirflowApiVersion apiVersion, boolean googleAuth,
            Duration airflowTimeout) {
        this.ledger = ledger;
        this.airflowUrl = airflowUrl;
        this.dagId = dagId;
        this.apiVersion = apiVersion;
        this.googleAuth = googleAuth;
        this.airflowTimeout = airflowTimeout;
    }

    public static TriggerSettings fromEnvironment(Map<String, String> env) {
        return new TriggerSettings(ledger(env), airflowUrl(env), dagId(env), apiVersion(env), googleAuth(env, airflowUrl(env)),
                timeout(env));
    }

    private static LedgerOptions ledger(Map<String, String> env) {
        String text = required(env, LEDGER);
        LedgerSpec spec;
        try {
            spec = LedgerSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(LEDGER + " is invalid: " + e.getMessage());
        }
        if (spec.kind() == LedgerSpec.Kind.NONE) {
            throw new IllegalStateException(LEDGER + " must name a ledger: the function's job is to record the runs");
        }
        String emulator = optional(env, BIGQUERY_EMULATOR_HOST);
        LedgerOptions.Builder options = LedgerOptions.builder(spec)
                .user(optional(env, LEDGER_USER))
                .bigQueryEmulatorHost(emulator)
                .createTable(Boolean.parseBoolean(optional(env, LEDGER_CREATE)));
        String password = optional(env, LEDGER_PASSWORD);
        if (password != null) {
            options.password(Secret.of(password));
        }
        String table = optional(env, LEDGER_TABLE);
        if (table != null) {
            if (!JdbcLedger.isValidTableName(table)) {
                throw new IllegalStateException(LEDGER_TABLE + " '" + table + "' is not [SCHEMA.]TABLE of letters, digits and _");
            }
            options.table(table);
        }
        return options.build();
    }

    private static URI airflowUrl(Map<String, String> env) {
        String text = required(env, AIRFLOW_URL);
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("https") && !scheme.equals("http")) || uri.getHost() == null || uri.getUserInfo() != null
                    || uri.getQuery() != null) {
                throw new URISyntaxException(text, "expected https://HOST[:PORT][/PATH] without credentials or query");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(AIRFLOW_URL + " '" + text + "' is invalid: " + e.getReason());
        }
    }

    private static String dagId(Map<String, String> env) {
        String dag = optional(env, AIRFLOW_DAG);
        if (dag == null) {
            return DEFAULT_DAG;
        }
        if (!DAG_ID.matcher(dag).matches()) {
            throw new IllegalStateException(AIRFLOW_DAG + " '" + dag + "' is not a DAG id (letters, digits, _ . -)");
        }
        return dag;
    }

    private static AirflowApiVersion apiVersion(Map<String, String> env) {
        String version = optional(env, AIRFLOW_API);
        try {
            return version == null ? DEFAULT_API : AirflowApiVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(AIRFLOW_API + " " + e.getMessage());
        }
    }

    // Without a token only a loopback Airflow is accepted, so no deployment can send runs unauthenticated by mistake.
    private static boolean googleAuth(Map<String, String> env, URI airflowUrl) {
        String auth = optional(env, AIRFLOW_AUTH);
        if (auth == null || auth.equalsIgnoreCase("google")) {
            return true;
        }
        if (!auth.equalsIgnoreCase("none")) {
            throw new IllegalStateException(AIRFLOW_AUTH + " '" + auth + "' is not google or none");
        }
        if (!isLoopback(airflowUrl.getHost())) {
            throw new IllegalStateException(AIRFLOW_AUTH + "=none is only for an Airflow on loopback, not " + airflowUrl.getHost());
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        try {
            return host.equalsIgnoreCase("localhost") || InetAddress.getByName(host.replaceAll("^\\[|\\]$", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Duration timeout(Map<String, String> env) {
        String seconds = optional(env, AIRFLOW_TIMEOUT_SECONDS);
        if (seconds == null) {
            return DEFAULT_AIRFLOW_TIMEOUT;
        }
        try {
            long value = Long.parseLong(seconds);
            if (value >= 1 && value <= 540) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(AIRFLOW_TIMEOUT_SECONDS + " '" + seconds + "' is not a number of seconds from 1 to 540");
    }

    private static String required(Map<String, String> env, String name) {
        String value = optional(env, name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    private static String optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public LedgerOptions ledger() {
        return ledger;
    }

    public URI airflowUrl() {
        return airflowUrl;
    }

    public String dagId() {
        return dagId;
    }

    public AirflowApiVersion apiVersion() {
        return apiVersion;
    }

    /** Whether Airflow calls carry a Google access token (else none: loopback only). */
    public boolean googleAuth() {
        return googleAuth;
    }

    public Duration airflowTimeout() {
        return airflowTimeout;
    }

    /** The trigger these settings describe. */
    public DagTrigger dagTrigger() {
        AirflowCredentials credentials = googleAuth ? new GoogleAccessTokenCredentials() : new NoCredentials();
        return new AirflowDagTrigger(airflowUrl, dagId, apiVersion, credentials, airflowTimeout);
    }
}
