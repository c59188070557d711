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

/**
 * Turns {@link LedgerArguments} into core's {@link LedgerOptions}. Kept apart from the options
 * themselves because it needs Hadoop (a password file may be on hdfs:// or gs://), and picocli
 * reflects on every command's options when the command line is built: {@code notify} must run
 * from the job jar without Hadoop on the classpath.
 */
final class LedgerSettings {
    private LedgerSettings() {
    }

    /** Resolves {@code a}, {@code defaultLedger} standing in for an absent {@code --ledger}; every problem is a usage error. */
    static LedgerOptions resolve(LedgerArguments a, String defaultLedger, Map<String, String> env, SecretRedactor redactor,
            Configuration conf) {
        String text = a.ledger == null || a.ledger.isBlank() ? defaultLedger : a.ledger.trim();
        if (text.startsWith("jdbc:")) {
            JdbcUrls.password(text).ifPresent(p -> redactor.register(Secret.of(p)));
        }
        LedgerSpec spec;
        try {
            spec = LedgerSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw ReplicatorException.usage("Invalid --ledger: " + e.getMessage());
        }
        Secret password = PasswordReader.LEDGER.read(a.passwordFile, a.passwordEnv, env, conf);
        redactor.register(password);
        boolean jdbc = spec.kind() == LedgerSpec.Kind.JDBC || spec.kind() == LedgerSpec.Kind.EMBEDDED;
        if (!jdbc && (a.table != null || a.user != null || password != null)) {
            throw ReplicatorException.usage("--ledger-table, --ledger-user and --ledger-password-* apply to jdbc: and embedded"
                    + " ledgers only, not to --ledger " + spec.kind().name().toLowerCase(Locale.ROOT));
        }
        if (a.table != null && !JdbcLedger.isValidTableName(a.table)) {
            throw ReplicatorException.usage("Invalid --ledger-table '" + a.table + "': expected [SCHEMA.]TABLE of letters, digits and _");
        }
        if (password != null && JdbcUrls.password(text).isPresent()) {
            throw ReplicatorException.usage("The ledger's JDBC URL already carries a password: drop --ledger-password-file/-env or the"
                    + " password in the URL");
        }
        String emulator = env.get(LedgerArguments.EMULATOR_VARIABLE);
        LedgerOptions.Builder options = LedgerOptions.builder(spec)
                .user(a.user)
                .password(password)
                .bigQueryEmulatorHost(emulator == null || emulator.isBlank() ? null : emulator.trim())
                .createTable(a.create)
                .optional(a.optional);
        if (a.table != null) {
            options.table(a.table);
        }
        return options.build();
    }
}
