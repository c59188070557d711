package org.runreplicator.metastore;

import java.util.Map;
import org.runreplicator.testing.FakeGcsServer;
import org.runreplicator.testing.TestStore;

class GcsMetastoreIT extends MetastorePublisherContract {
    @Override
    TestStore newStore() {
        return TestStore.gcs();
    }

    @Override
    Map<String, String> serverSettings() {
        return FakeGcsServer.shared().connectorSettings();
    }
}
