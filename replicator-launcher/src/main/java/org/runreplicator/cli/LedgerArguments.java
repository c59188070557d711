package org.runreplicator.cli;

import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.runreplicator.ReplicatorException;
import org.runreplicator.Secret;
import org.runreplicator.ledger.LedgerOptions;
import org.runreplicator.ledger.LedgerSpec;
import org.runreplicator.ledger.jdbc.JdbcLedger;
import org.runreplicator.ledger.jdbc.JdbcUrls;
import picocli.CommandLine.Option;

/**
 * The ledger options {@code run}, {@code demo} and {@code ledger} share, as typed (or supplied by
 * {@link ConfigDefaults}); {@link #resolve} turns them into core's {@link LedgerOptions}. A JDBC
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

    /** Resolves these options, {@code defaultLedger} standing in for an absent {@code --ledger}; every problem is a usage error. */
    LedgerOptions resolve(String defaultLedger, Map<String, String> env, SecretRedactor redactor, Configuration conf) {
        String text = ledger == null || ledger.isBlank() ? defaultLedger : ledger.trim();
        if (text.startsWith("jdbc:")) {
            JdbcUrls.password(text).ifPresent(p -> redactor.register(Secret.of(p)));
        }
        LedgerSpec spec;
        try {
            spec = LedgerSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw ReplicatorException.usage("Invalid --ledger: " + e.getMessage());
        }
        Secret password = PasswordReader.LEDGER.read(passwordFile, passwordEnv, env, conf);
        redactor.register(password);
        boolean jdbc = spec.kind() == LedgerSpec.Kind.JDBC || spec.kind() == LedgerSpec.Kind.EMBEDDED;
        if (!jdbc && (table != null || user != null || password != null)) {
            throw ReplicatorException.usage("--ledger-table, --ledger-user and --ledger-password-* apply to jdbc: and embedded"
                    + " ledgers only, not to --ledger " + spec.kind().name().toLowerCase(Locale.ROOT));
        }
        if (table != null && !JdbcLedger.isValidTableName(table)) {
            throw ReplicatorException.usage("Invalid --ledger-table '" + table + "': expected [SCHEMA.]TABLE of letters, digits and _");
        }
        if (password != null && JdbcUrls.password(text).isPresent()) {
            throw ReplicatorException.usage("The ledger's JDBC URL already carries a password: drop --ledger-password-file/-env or the"
                    + " password in the URL");
        }
        String emulator = env.get(EMULATOR_VARIABLE);
        LedgerOptions.Builder options = LedgerOptions.builder(spec)
                .user(user)
                .password(password)
                .bigQueryEmulatorHost(emulator == null || emulator.isBlank() ? null : emulator.trim())
                .createTable(create)
                .optional(optional);
        if (table != null) {
            options.table(table);
        }
        return options.build();
    }
}
