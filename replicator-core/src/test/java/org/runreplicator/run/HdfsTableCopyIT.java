package org.runreplicator.run;

import org.runreplicator.testing.TestStore;

class HdfsTableCopyIT extends TableCopyOnStoresContract {
    @Override
    TestStore newStore() {
        return TestStore.hdfs();
    }
}
