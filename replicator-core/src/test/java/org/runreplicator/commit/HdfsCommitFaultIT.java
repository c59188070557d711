package org.runreplicator.commit;

import org.runreplicator.testing.TestStore;

class HdfsCommitFaultIT extends CommitFaultContract {
    @Override
    TestStore newStore() {
        return TestStore.hdfs();
    }
}
