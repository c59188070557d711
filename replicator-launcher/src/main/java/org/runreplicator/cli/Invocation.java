package org.runreplicator.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.runreplicator.RunIdentity;

/** What one invocation of the command line runs against: its streams, its environment, its secrets and its clock. */
final class Invocation {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final SecretRedactor redactor = new SecretRedactor();
    private final Clock clock;
    private final Properties systemProperties;
    private volatile RunIdentity run;

    Invocation(PrintStream out, PrintStream err, Map<String, String> env, Properties systemProperties, Clock clock) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.systemProperties = new Properties();
        this.systemProperties.putAll(systemProperties);
        this.clock = clock;
    }

    /** Results only: for {@code run}, nothing but the closing JSON line. */
    PrintStream out() {
        return out;
    }

    /** Progress and the failure line. */
    PrintStream err() {
        return err;
    }

    Map<String, String> env() {
        return env;
    }

    SecretRedactor redactor() {
        return redactor;
    }

    /** The JVM's system properties, read once at the edge (Dataproc's YARN tags may be among them). */
    Properties systemProperties() {
        return systemProperties;
    }

    Clock clock() {
        return clock;
    }

    /** The run this invocation started, once it started one (for the failure summary); else null. */
    RunIdentity run() {
        return run;
    }

    void started(RunIdentity started) {
        this.run = started;
    }
}
