package org.runreplicator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL server from the Debian package's binaries, started once per JVM in a fresh
 * temporary directory on a free loopback port, with a password-protected superuser
 * ({@code scram-sha-256}), and stopped when the tests end (JUnit's root store closes it; a
 * shutdown hook covers runs outside JUnit). PostgreSQL refuses to run as root, so as root the
 * server runs as the package's {@code postgres} user through {@code runuser}.
 *
 * <p>Use with {@code @ExtendWith(PostgresServer.Extension.class)} and a {@code PostgresServer}
 * parameter, or call {@link #shared()}.
 */
public final class PostgresServer {
    private static final String DEBIAN_LAYOUT = "/usr/lib/postgresql";
    private static final String SUPERUSER = "replicator_admin";
    private static final Object LOCK = new Object();
    private static PostgresServer shared;

    private final Path binaries;
    private final Path home;
    private final Path data;
    private final int port;
    private final String password;
    private final boolean asPostgresUser;

    private PostgresServer(Path binaries) throws IOException, InterruptedException {
        this.binaries = binaries;
        this.asPostgresUser = isRoot();
        this.home = Files.createTempDirectory("replicator-pg");
        this.data = home.resolve("data");
        this.port = freePort();
        this.password = UUID.randomUUID().toString();
        Path passwordFile = home.resolve("password");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        Files.createDirectory(data);
        if (asPostgresUser) {
            // The server's user must reach its files: open the parent, hand the rest over.
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            UserPrincipal postgres = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(data, postgres);
            Files.setOwner(passwordFile, postgres);
        }
        run("initdb", "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + passwordFile, "--auth=scram-sha-256",
                "-E", "UTF8", "--locale=C", "--no-sync");
        run("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + data + " -c fsync=off -c max_connections=60", "start");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "postgres-stop"));
    }

    /** The server for this JVM, started on first use. */
    public static PostgresServer shared() {
        synchronized (LOCK) {
            if (shared == null) {
                try {
                    shared = new PostgresServer(findBinaries());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot start PostgreSQL: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while starting PostgreSQL", e);
                }
            }
            return shared;
        }
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} with initdb and pg_ctl, else the directory of those on PATH. */
    static Path findBinaries() {
        Path debian = Path.of(DEBIAN_LAYOUT);
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin")).filter(PostgresServer::hasServerTools)
                        .max(Comparator.comparing(PostgresServer::versionOf));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + debian, e);
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(java.io.File.pathSeparator)).filter(p -> !p.isEmpty()).map(Path::of)
                .filter(PostgresServer::hasServerTools).findFirst()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) were found neither under "
                        + DEBIAN_LAYOUT + "/<version>/bin nor on PATH: install the postgresql package (apt-get install postgresql)"));
    }

    private static boolean hasServerTools(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"));
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        id.waitFor();
        return uid.equals("0");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void run(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(binaries.resolve(tool).toString());
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(home.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            String log = Files.exists(data.resolve("server.log")) ? Files.readString(data.resolve("server.log")) : "";
            throw new IOException(tool + " failed: " + output + log);
        }
    }

    /** Stops the server and removes its files; safe to call twice. */
    public void stop() {
        synchronized (this) {
            if (!Files.exists(data)) {
                return;
            }
            try {
                run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("Cannot remove PostgreSQL's temporary files: " + e.getMessage());
            }
        }
    }

    public int port() {
        return port;
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/database}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, password);
    }

    /** Creates a fresh, empty database with a unique name starting with {@code prefix}; returns its name. */
    public String createDatabase(String prefix) throws SQLException {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase();
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + name + "\"");
        }
        return name;
    }

    /** Starts the shared server before a test class and resolves {@code PostgresServer} parameters. */
    public static final class Extension implements BeforeAllCallback, ParameterResolver {
        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.create(PostgresServer.class))
                    .getOrComputeIfAbsent("server", key -> new Stopper(shared()), Stopper.class);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == PostgresServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return shared();
        }
    }

    /** Closed by JUnit when the root context (the whole test run) ends. */
    private static final class Stopper implements AutoCloseable {
        private final PostgresServer server;

        Stopper(PostgresServer server) {
            this.server = server;
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
