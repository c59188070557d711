package org.runreplicator.run;

import org.runreplicator.engine.ProgressListener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.FailureKind;
import org.runreplicator.PartitionSpec;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.TableRef;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.testing.MiniHdfs;

/** A full target and a target the run may not write, on a real HDFS: exit 4 naming the cause, the previous version intact. */
class TargetFailuresIT {
    private static final TableRef TABLE = new TableRef("sales", "orders");

    @TempDir
    Path scratch;

    @Test
    void aTargetOutOfSpace_failsAsATargetError_namingTheQuota_andKeepsThePreviousVersion() throws Exception {
        URI target = URI.create(MiniHdfs.uri() + "/full-" + UUID.randomUUID().toString().substring(0, 8));
        String url = source(200_000);
        copy(url, target, "id <= 10", "small");
        DistributedFileSystem hdfs = (DistributedFileSystem) MiniHdfs.fileSystem();
        // Room for the small version and the run's bookkeeping, not for a whole table (blocks count three times the bytes).
        hdfs.setQuota(new org.apache.hadoop.fs.Path(target.getPath()), Long.MAX_VALUE - 1, 2L << 20);

        assertThatThrownBy(() -> copy(url, target, null, "full"))
                .isInstanceOf(ReplicatorException.class)
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.TARGET))
                .hasMessageContaining("quota");

        hdfs.setQuota(new org.apache.hadoop.fs.Path(target.getPath()), Long.MAX_VALUE - 1, Long.MAX_VALUE - 1);
        StoreReadback readback = new StoreReadback(org.runreplicator.testing.TestStore.hdfsAt(target), TABLE,
                PartitionSpec.parse("ds=2024-05-01"), scratch);
        assertThat(readback.viaLog("count(*) AS n, count(DISTINCT id) AS d")).containsExactly(List.of(10L, 10L));
        assertThat(readback.leftovers()).isEmpty();
    }

    @Test
    void aTargetTheRunMayNotWrite_failsAsATargetError_beforeTheSourceIsRead() throws Exception {
        FileSystem admin = MiniHdfs.fileSystem();
        org.apache.hadoop.fs.Path locked = new org.apache.hadoop.fs.Path("/locked-" + UUID.randomUUID().toString().substring(0, 8));
        admin.mkdirs(locked);
        admin.setPermission(locked, new FsPermission((short) 0755));
        URI target = URI.create(MiniHdfs.uri() + locked.toString());
        // A source nobody listens on: had the run read it first, it would fail as a source error.
        String unreachable = "jdbc:postgresql://127.0.0.1:1/none";

        UserGroupInformation etl = UserGroupInformation.createUserForTesting("etl", new String[] {"etl"});
        assertThatThrownBy(() -> etl.doAs((PrivilegedExceptionAction<RunSummary>) () -> copy(unreachable, target, null, "denied")))
                .isInstanceOf(ReplicatorException.class)
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.TARGET))
                .hasMessageContaining("Permission denied: user=etl, access=WRITE");
    }

    private static RunSummary copy(String url, URI target, String where, String jobId) {
        RunOptions options = RunOptions.builder().table(TABLE).sourceUrl(url).sourceUser("sa").target(target)
                .partition(PartitionSpec.parse("ds=2024-05-01")).splitMethod(SplitMethod.RANGE).splitBy("id").splits(2)
                .maxConnections(2).maxAttempts(1).where(where).jobId(jobId).build();
        return new TableCopy(options, MiniHdfs.conf()).run(ProgressListener.NONE);
    }

    private static String source(int rows) throws Exception {
        String url = "jdbc:h2:mem:targetfail" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA sales");
            s.execute("CREATE TABLE sales.orders (id BIGINT PRIMARY KEY, note VARCHAR(200))");
            s.execute("INSERT INTO sales.orders SELECT x, RANDOM_UUID() || RANDOM_UUID() || RANDOM_UUID() FROM SYSTEM_RANGE(1, " + rows + ")");
        }
        return url;
    }
}
