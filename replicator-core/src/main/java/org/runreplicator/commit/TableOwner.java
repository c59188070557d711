package org.runreplicator.commit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.runreplicator.ReplicatorException;

/**
 * Which source table a table location belongs to: {@code <control>/owner.json}, written once by
 * the table's first run with an exclusive create. Names are lower-cased into paths (and into the
 * Hive Metastore), so two source tables whose names differ only in case would otherwise replace
 * each other's partitions; the second is refused by name instead.
 */
final class TableOwner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "owner.json";

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Record {
        @JsonProperty final String source;

        @JsonCreator
        Record(@JsonProperty("source") String source) {
            this.source = source;
        }
    }

    private TableOwner() {
    }

    /** Records {@code source} as the owner of {@code location}, or fails (usage error) if another table owns it. */
    static void claim(CommitStore store, TableLocation location, String source) throws IOException {
        Path path = new Path(location.controlDir(), FILE);
        Optional<String> owner = read(store, path);
        if (owner.isEmpty() && store.createExclusive(path, JSON.writeValueAsBytes(new Record(source)))) {
            return;
        }
        String holder = owner.isPresent() ? owner.get() : read(store, path).orElse(source);
        if (!holder.equals(source)) {
            throw ReplicatorException.usage("Cannot copy " + source + " to " + store.qualify(location.tableDir())
                    + ": that location belongs to " + holder + " (database and table names are lower-cased into paths"
                    + " and metastore names, so both fold to the same place); give one of them another --target");
        }
    }

    private static Optional<String> read(CommitStore store, Path path) throws IOException {
        Optional<byte[]> bytes = store.read(path);
        return bytes.isPresent() ? Optional.of(JSON.readValue(bytes.get(), Record.class).source) : Optional.empty();
    }
}
