package org.runreplicator.cli;

import org.runreplicator.ledger.LedgerSpec;
import picocli.CommandLine.Option;

/**
 * The ledger options {@code run}, {@code demo} and {@code ledger} share, as typed (or supplied by
 * {@link ConfigDefaults}); {@link LedgerSettings#resolve} turns them into core's {@code LedgerOptions}. A JDBC
 * ledger's password comes from a file, an environment variable, or inside its URL; wherever it
 * comes from, it is registered as a secret before anything can print it.
 */
final class LedgerArguments {
    /** Read from the environment: a BigQuery ledger then talks to this emulator, without credentials. */
    static final String EMULATOR_VARIABLE = "BIGQUERY_EMULATOR_HOST";

    @Option(names = "--ledger", paramLabel = "LEDGER",
            description = "Run ledger: bigquery:PROJECT.DATASET.TABLE, jdbc:postgresql://... or jdbc:mysql://... (Cloud SQL),"
                    + " embedded[:PATH] (an H2 file, default ./" + LedgerSpec.DEFAULT_EMBEDDED_PATH + ") or none"
                    + " (default: none for run, embedded for demo and ledger).")
    String ledger;

    @Option(names = "--ledger-table", paramLabel = "[SCHEMA.]TABLE",
            description = "Table of a jdbc: or embedded ledger (default: " + LedgerSpec.DEFAULT_TABLE + ").")
    String table;

    @Option(names = "--ledger-user", paramLabel = "USER", description = "User of a jdbc: ledger (or put it in the URL).")
    String user;

    @Option(names = "--ledger-password-file", paramLabel = "PATH",
            description = "File holding a jdbc: ledger's password: a local path, hdfs://... or gs://...")
    String passwordFile;

    @Option(names = "--ledger-password-env", paramLabel = "VAR", description = "Environment variable holding a jdbc: ledger's password.")
    String passwordEnv;

    @Option(names = "--ledger-create", description = "Create the ledger table when it is missing.")
    boolean create;

    @Option(names = "--ledger-optional",
            description = "If the ledger cannot be written, warn once and go on without it (default: the run fails, exit 4).")
    boolean optional;
}
