package org.runreplicator.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.runreplicator.PartitionSpec;
import org.runreplicator.commit.CommittedVersion;
import org.runreplicator.commit.TableLocation;
import org.runreplicator.source.TableRef;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.TestStore;

/** Reads a partition on any store back with DuckDB, as each kind of reader finds it: through the commit log, or by listing. */
final class StoreReadback {
    private final TestStore store;
    private final TableLocation location;
    private final PartitionSpec partition;
    private final Path scratch;

    StoreReadback(TestStore store, TableRef table, PartitionSpec partition, Path scratch) {
        this.store = store;
        this.location = TableLocation.of(store.target(), table);
        this.partition = partition;
        this.scratch = scratch;
    }

    CommittedVersion current() throws IOException {
        return CommittedVersion.current(fs(), location, partition).orElseThrow();
    }

    /** {@code selectList} over the files the commit log names. */
    List<List<Object>> viaLog(String selectList) throws IOException {
        Path copy = Files.createTempDirectory(scratch, "log");
        for (org.apache.hadoop.fs.Path file : current().files()) {
            fs().copyToLocalFile(file, new org.apache.hadoop.fs.Path(copy.resolve(file.getName()).toUri()));
        }
        return ParquetReadback.query(copy, selectList, "n").rows();
    }

    /** {@code selectList} over every visible Parquet file under the partition path. */
    List<List<Object>> byListing(String selectList) throws IOException {
        Path copy = Files.createTempDirectory(scratch, "listing");
        fs().copyToLocalFile(location.partitionDir(partition), new org.apache.hadoop.fs.Path(copy.toUri()));
        return ParquetReadback.query(copy, selectList, "n").rows();
    }

    /** Visible entries directly under the partition path. */
    List<String> versions() throws IOException {
        List<String> names = new ArrayList<>();
        for (FileStatus status : fs().listStatus(location.partitionDir(partition))) {
            String name = status.getPath().getName();
            if (!name.startsWith("_") && !name.startsWith(".")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Run staging and retired versions left in the control area. */
    List<String> leftovers() throws IOException {
        List<String> left = new ArrayList<>();
        org.apache.hadoop.fs.Path control = new org.apache.hadoop.fs.Path(location.controlDir(), partition.pathComponent());
        for (String dir : List.of("runs", "retired")) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(control, dir);
            if (fs().exists(path)) {
                for (FileStatus status : fs().listStatus(path)) {
                    left.add(status.getPath().toString());
                }
            }
        }
        return left;
    }

    TableLocation location() {
        return location;
    }

    FileSystem fs() throws IOException {
        return FileSystem.get(store.target(), store.conf());
    }
}
