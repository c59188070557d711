package org.runreplicator.metastore;

import java.util.Map;
import org.runreplicator.testing.TestStore;

class HdfsMetastoreIT extends MetastorePublisherContract {
    @Override
    TestStore newStore() {
        return TestStore.hdfs();
    }

    @Override
    Map<String, String> serverSettings() {
        return Map.of();
    }
}
