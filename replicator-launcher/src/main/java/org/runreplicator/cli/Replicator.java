package org.runreplicator.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.run.CommittedRunException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * The {@code replicator} command line: {@code run}, {@code plan}, {@code demo}, {@code clean}, {@code ledger} and {@code notify}.
 * Exit status: 0 done, 2 usage or configuration, 3 source, 4 target, 5 validation, 1 anything
 * else; every failure prints exactly one line, {@code replicator: <what and why>}, on stderr.
 */
@Command(name = "replicator", usageHelpAutoWidth = true,
        description = "Copies warehouse tables over JDBC into Parquet on Hadoop file systems and GCS.",
        footer = {"", "Options of run, plan, ledger and notify can also be set in a --config properties file (keys without dashes)"
            + " or in REPLICATOR_* environment variables (REPLICATOR_SOURCE_URL, ...); the command line wins,"
            + " then the environment, then the file."})
public final class Replicator {
    private static final Logger LOG = LoggerFactory.getLogger(Replicator.class);

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Log debug detail, including the stack trace of a failure.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    private Replicator() {
    }

    /**
     * With Hadoop on the classpath the command line runs as a Hadoop {@code Tool} (generic options
     * such as {@code -D k=v} or {@code -conf FILE} may come before the command); without it, as itself.
     */
    public static void main(String[] args) throws Exception {
        if (hadoopOnClasspath()) {
            System.exit(HadoopTool.runTool(args));
        }
        System.exit(execute(args, System.out, System.err, System.getenv()));
    }

    /** Whether Hadoop's classes are on the classpath (a cluster, {@code hadoop jar}, bin/replicator); asked before HadoopTool loads. */
    private static boolean hadoopOnClasspath() {
        try {
            Class.forName("org.apache.hadoop.util.ToolRunner", false, Replicator.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Runs the command line against the given streams and environment and returns the exit status. */
    public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Invocation invocation = new Invocation(out, err, env, System.getProperties(), Clock.systemUTC());
        LogLevel level = LogLevel.remember();
        try {
            return commandLine(invocation).execute(args);
        } finally {
            level.restore();
            out.flush();
            err.flush();
        }
    }

    /**
     * Parses a {@code run} or {@code plan} argument vector and resolves it exactly as
     * {@link #execute} would, without copying anything: for checking configuration.
     */
    static CopySettings resolve(String[] args, Map<String, String> env, Clock clock) {
        Invocation invocation = new Invocation(System.out, System.err, env, System.getProperties(), clock);
        ParseResult parsed = commandLine(invocation).parseArgs(args);
        Object command = parsed.hasSubcommand() ? parsed.subcommand().commandSpec().userObject() : null;
        if (command instanceof RunCommand) {
            RunCommand run = (RunCommand) command;
            return CopySettings.resolve(run.options, run.ledgerArguments, invocation.env(), invocation.systemProperties(),
                    invocation.redactor(), invocation.clock());
        }
        if (command instanceof PlanCommand) {
            return CopySettings.resolve(((PlanCommand) command).options, null, invocation.env(), invocation.systemProperties(),
                    invocation.redactor(), invocation.clock());
        }
        throw ReplicatorException.usage("Expected run or plan arguments");
    }

    private static CommandLine commandLine(Invocation invocation) {
        CommandLine cli = new CommandLine(new Replicator())
                .addSubcommand(new RunCommand(invocation))
                .addSubcommand(new PlanCommand(invocation))
                .addSubcommand(new DemoCommand(invocation))
                .addSubcommand(new CleanCommand(invocation))
                .addSubcommand(new LedgerCommand(invocation))
                .addSubcommand(new NotifyCommand(invocation));
        for (String copyCommand : new String[] {"run", "plan", "clean", "ledger", "notify"}) {
            cli.getSubcommands().get(copyCommand).setDefaultValueProvider(new ConfigDefaults(invocation.env()));
        }
        cli.setOut(new PrintWriter(invocation.out(), true));
        cli.setErr(new PrintWriter(invocation.err(), true));
        cli.setExecutionStrategy(parsed -> {
            if (verboseRequested(parsed)) {
                LogLevel.debug();
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setParameterExceptionHandler((e, args) -> fail(invocation, e, FailureKind.USAGE.exitCode(),
                e.getCommandLine().getCommandName()));
        cli.setExecutionExceptionHandler((e, command, parsed) -> fail(invocation, e, exitCode(e), command.getCommandName()));
        return cli;
    }

    private static boolean verboseRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static FailureKind kind(Throwable e) {
        if (e instanceof ReplicatorException) {
            return ((ReplicatorException) e).kind();
        }
        return e instanceof ParameterException ? FailureKind.USAGE : FailureKind.INTERNAL;
    }

    static int exitCode(Throwable e) {
        if (e instanceof SignalStop.RunStoppedException) {
            return ((SignalStop.RunStoppedException) e).status();
        }
        if (e instanceof ReplicatorException) {
            return ((ReplicatorException) e).kind().exitCode();
        }
        if (e instanceof ParameterException) {
            return FailureKind.USAGE.exitCode();
        }
        return FailureKind.INTERNAL.exitCode();
    }

    /**
     * Prints the one failure line, with every known secret blanked out, and for {@code run} the
     * failure's JSON summary as the last stdout line; the stack trace goes to the debug log only.
     */
    private static int fail(Invocation invocation, Exception e, int exitCode, String command) {
        SecretRedactor redactor = invocation.redactor();
        String line = oneLine(redactor.redact(message(e)));
        invocation.err().println("replicator: " + line);
        if (RunCommand.NAME.equals(command) && !(e instanceof CommittedRunException)) {
            invocation.out().println(redactor.redact(FailureSummary.json(kind(e), exitCode, line, invocation.run())));
        }
        if (LOG.isDebugEnabled()) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            LOG.debug("Failure detail:\n{}", redactor.redact(trace.toString()));
        }
        return exitCode;
    }

    private static String message(Exception e) {
        if (e instanceof UnmatchedArgumentException) {
            return unmatched((UnmatchedArgumentException) e);
        }
        if (e instanceof ReplicatorException || e instanceof ParameterException) {
            return e.getMessage();
        }
        return "Unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " (run with --verbose for details)";
    }

    // Names only the first stray argument, cut at '=': what follows a mistyped option may be a password.
    private static String unmatched(UnmatchedArgumentException e) {
        String first = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
        if (!first.startsWith("-")) {
            return "Unexpected argument '" + first + "'";
        }
        String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        if (option.equals("--source-password")) {
            return "Unknown option --source-password: a password is never accepted on the command line;"
                    + " use --source-password-file or --source-password-env";
        }
        return "Unknown option " + option;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
