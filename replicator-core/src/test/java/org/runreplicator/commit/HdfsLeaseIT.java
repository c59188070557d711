package org.runreplicator.commit;

import org.runreplicator.testing.TestStore;

class HdfsLeaseIT extends LeaseContract {
    @Override
    TestStore newStore() {
        return TestStore.hdfs();
    }
}
