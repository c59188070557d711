package org.runreplicator.trigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.runreplicator.event.OnPremEvent;

/**
 * The DAG run id of an on-prem event: a function of (dbName, tableName, td_timestamp) alone, so a
 * redelivered event asks Airflow for the same run id and gets 409, and the DAG runs once per
 * on-prem run. Readable ({@code onprem__DB.TABLE__2024-05-01T02:00:00Z__<hash>}) and within
 * Airflow's rules: at most 250 characters of {@code A-Z a-z 0-9 _ . ~ : + -} (Airflow 2's default
 * {@code allowed_run_id_pattern}), which {@code $} and {@code #} are not, so they are written as
 * {@code -}; the hash of the exact names keeps two tables apart whose readable parts fold together.
 */
public final class DagRunId {
    private static final int MAX_NAMES = 160;

    private DagRunId() {
    }

    public static String of(OnPremEvent event) {
        String names = (event.dbName() + "." + event.tableName()).replaceAll("[^A-Za-z0-9_.]", "-");
        if (names.length() > MAX_NAMES) {
            names = names.substring(0, MAX_NAMES);
        }
        String td = event.tdTimestamp().toString();
        return "onprem__" + names + "__" + td + "__" + hash(event.dbName() + "\n" + event.tableName() + "\n" + td);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
