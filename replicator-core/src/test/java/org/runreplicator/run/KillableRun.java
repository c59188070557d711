package org.runreplicator.run;

import org.runreplicator.engine.ProgressListener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.runreplicator.PartitionSpec;
import org.runreplicator.commit.CommitProtocols;
import org.runreplicator.commit.CommitStore;
import org.runreplicator.commit.TableLocation;
import org.runreplicator.commit.VersionedCommitProtocol;
import org.runreplicator.source.TableRef;
import org.runreplicator.split.SplitMethod;

/**
 * A run in its own process, to be killed: {@code KillableRun TARGET ROWS PAUSE MARKER [KEY=VALUE...]}
 * copies an H2 table of ROWS generated rows (the same in every process) into TARGET and stops
 * for good, after creating the file MARKER, where PAUSE says: {@code copy} (while one split is
 * reading), {@code never}, or a regular expression matched against the commit's store operations
 * ({@code move A -> B}, {@code createExclusive P}, ...), before the matching one happens.
 * KEY=VALUE pairs go to the Hadoop configuration.
 */
public final class KillableRun {
    static final TableRef TABLE = new TableRef("sales", "orders");
    static final PartitionSpec DS = PartitionSpec.parse("ds=2024-05-01");
    private static volatile long pauseAtId = -1;
    private static volatile Path marker;

    private KillableRun() {
    }

    public static void main(String[] args) throws Exception {
        URI target = URI.create(args[0]);
        int rows = Integer.parseInt(args[1]);
        String pause = args[2];
        marker = Paths.get(args[3]);
        Configuration conf = new Configuration();
        for (int i = 4; i < args.length; i++) {
            conf.set(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        String url = createSource("killable", rows);
        TableCopy copy = new TableCopy(options(url, target, null, "killed"), conf);
        if (pause.equals("copy")) {
            pauseAtId = rows - 10;
            copy = new TableCopy(options(url, target, "WAIT_AT(id) = 0", "killed"), conf);
        } else if (!pause.equals("never")) {
            CommitStore store = new PausingStore(CommitProtocols.store(target, conf), Pattern.compile(pause), marker);
            copy.withCommitProtocol(new VersionedCommitProtocol(store, TableLocation.of(target, TABLE), List.of(), Clock.systemUTC()));
        }
        System.out.println(copy.run(ProgressListener.NONE).toJson());
    }

    /** An in-memory H2 database in this JVM holding sales.orders with ids 1..rows. */
    static String createSource(String name, int rows) throws SQLException {
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS sales");
            s.execute("DROP TABLE IF EXISTS sales.orders");
            s.execute("CREATE TABLE sales.orders (id BIGINT PRIMARY KEY, amount DECIMAL(12,2), note VARCHAR(40))");
            s.execute("INSERT INTO sales.orders SELECT x, x / 100.0, 'order ' || x FROM SYSTEM_RANGE(1, " + rows + ")");
            s.execute("CREATE ALIAS IF NOT EXISTS WAIT_AT FOR '" + KillableRun.class.getName() + ".waitAt'");
        }
        return url;
    }

    static RunOptions options(String url, URI target, String where, String jobId) {
        return RunOptions.builder()
                .table(TABLE)
                .sourceUrl(url)
                .sourceUser("sa")
                .target(target)
                .partition(DS)
                .splitMethod(SplitMethod.RANGE)
                .splitBy("id")
                .splits(4)
                .maxConnections(2)
                .fetchSize(100)
                .where(where)
                .jobId(jobId)
                .build();
    }

    /**
     * H2 calls this for every row when the run pauses during the copy: it stops for good at one
     * id, in a split reader (planning samples the same predicate and must pass).
     */
    public static int waitAt(long id) throws IOException, InterruptedException {
        if (id == pauseAtId && Thread.currentThread().getName().startsWith("split-reader")) {
            Files.createFile(marker);
            Thread.sleep(Long.MAX_VALUE);
        }
        return 0;
    }

    /** True once a run's staging holds at least one finished Parquet file. */
    static boolean stagingHoldsFiles(FileSystem fs, TableLocation location) throws IOException {
        org.apache.hadoop.fs.Path runs = new org.apache.hadoop.fs.Path(location.controlDir(), DS.pathComponent() + "/runs");
        if (!fs.exists(runs)) {
            return false;
        }
        var files = fs.listFiles(runs, true);
        while (files.hasNext()) {
            FileStatus file = files.next();
            if (file.getPath().getName().endsWith(".parquet") && file.getLen() > 0) {
                return true;
            }
        }
        return false;
    }
}
