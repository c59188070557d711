package org.runreplicator.metastore;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.runreplicator.testing.Hive4MetastoreServer;
import org.runreplicator.testing.TestStore;

/** The registration's contract against a Hive 4.0.1 metastore (Dataproc 3.0), through the Hive 3.1.3 client the job ships. */
class Hive4LocalMetastoreIT extends MetastorePublisherContract {
    @Override
    TestStore newStore() {
        return TestStore.local(local);
    }

    @Override
    Map<String, String> serverSettings() {
        return Map.of();
    }

    @Override
    MetastoreServer startServer(Path dir, Map<String, String> settings) {
        Hive4MetastoreServer server = Hive4MetastoreServer.start(dir, settings);
        return new MetastoreServer() {
            @Override
            public URI uri() {
                return server.uri();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
