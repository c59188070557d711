package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.Secret;
import org.slf4j.LoggerFactory;

class SourcePasswordTest {
    private static final String PASSWORD = "Hunter2-xyz";

    @TempDir
    Path dir;

    private Path passwordFile(String content) throws IOException {
        return Files.writeString(dir.resolve("td.password"), content);
    }

    private static CopySettings resolve(Map<String, String> env, String... more) {
        return Replicator.resolve(Cli.copyArgs("run", "db", "t", more), env, Clock.systemUTC());
    }

    @Test
    void passwordIsReadFromALocalFile_withoutItsTrailingNewline() throws IOException {
        Path file = passwordFile(PASSWORD + "\n");

        assertThat(resolve(Map.of(), "--source-password-file", file.toString()).runOptions().sourcePassword())
                .isEqualTo(Secret.of(PASSWORD));
    }

    @Test
    void passwordFileGivenAsAUriIsReadThroughTheHadoopFileSystem() throws IOException {
        Path file = passwordFile(PASSWORD + "\r\n");

        assertThat(resolve(Map.of(), "--source-password-file", file.toUri().toString()).runOptions().sourcePassword())
                .isEqualTo(Secret.of(PASSWORD));
    }

    @Test
    void passwordIsReadFromTheNamedEnvironmentVariable() {
        Secret password = resolve(Map.of("TD_PASSWORD", PASSWORD), "--source-password-env", "TD_PASSWORD").runOptions().sourcePassword();

        assertThat(password).isEqualTo(Secret.of(PASSWORD));
    }

    @Test
    void unsetPasswordVariableIsAUsageErrorNamingTheVariable() {
        Cli result = Cli.run(Cli.copyArgs("run", "db", "t", "--source-password-env", "TD_PASSWORD"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().contains("TD_PASSWORD").contains("is not set");
    }

    @Test
    void missingOrEmptyPasswordFileIsAUsageError() throws IOException {
        Cli missing = Cli.run(Cli.copyArgs("run", "db", "t", "--source-password-file", dir.resolve("absent").toString()));
        Cli empty = Cli.run(Cli.copyArgs("run", "db", "t", "--source-password-file", passwordFile("\n").toString()));

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).singleElement().asString().contains("Cannot read the source password file").contains("no such file");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.errLines()).singleElement().asString().contains("it is empty");
    }

    @Test
    void fileAndVariableTogetherAreAUsageError() throws IOException {
        Cli result = Cli.run(Map.of("TD_PASSWORD", PASSWORD), Cli.copyArgs("run", "db", "t",
                "--source-password-file", passwordFile(PASSWORD).toString(), "--source-password-env", "TD_PASSWORD"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().contains("not both");
    }

    @Test
    void passwordNeverAppearsOnStdoutOrStderr_evenWhenAnErrorMessageWouldContainIt() throws IOException {
        // A value the user typed wrongly happens to contain the password, and the error quotes that value.
        Cli fromFile = Cli.run(Cli.copyArgs("run", "db", "t", "--source-password-file", passwordFile(PASSWORD + "\n").toString(),
                "--partition", "ds=" + PASSWORD + "/x"));
        Cli fromEnv = Cli.run(Map.of("TD_PASSWORD", PASSWORD), Cli.copyArgs("plan", "db", "t", "--source-password-env", "TD_PASSWORD",
                "--td-timestamp", PASSWORD));

        for (Cli result : new Cli[] {fromFile, fromEnv}) {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.out()).doesNotContain(PASSWORD);
            assertThat(result.err()).doesNotContain(PASSWORD);
            assertThat(result.errLines()).singleElement().asString().startsWith("replicator: Invalid").contains("****");
        }
    }

    @Test
    void passwordIsRedactedFromTheVerboseStackTraceInTheLog() throws IOException {
        Logger ours = (Logger) LoggerFactory.getLogger("org.runreplicator");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ours.addAppender(log);
        try {
            Cli result = Cli.run(Cli.copyArgs("run", "db", "t", "--verbose", "--source-password-file", passwordFile(PASSWORD).toString(),
                    "--split-by", PASSWORD + "!"));

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).doesNotContain(PASSWORD);
            assertThat(result.errLines()).singleElement().asString().contains("Invalid --split-by column name '****!'");
            assertThat(log.list).filteredOn(e -> e.getLevel() == Level.DEBUG).map(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).contains("Failure detail", "ReplicatorException", "'****!'", "at org.runreplicator"))
                    .allSatisfy(m -> assertThat(m).doesNotContain(PASSWORD));
        } finally {
            ours.detachAppender(log);
        }
        assertThat(ours.isDebugEnabled()).as("--verbose lasts only for its own invocation").isFalse();
    }
}
