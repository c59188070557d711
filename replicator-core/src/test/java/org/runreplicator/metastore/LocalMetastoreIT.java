package org.runreplicator.metastore;

import java.util.Map;
import org.runreplicator.testing.TestStore;

class LocalMetastoreIT extends MetastorePublisherContract {
    @Override
    TestStore newStore() {
        return TestStore.local(local);
    }

    @Override
    Map<String, String> serverSettings() {
        return Map.of();
    }
}
