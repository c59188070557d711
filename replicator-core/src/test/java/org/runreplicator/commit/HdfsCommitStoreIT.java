package org.runreplicator.commit;

import org.runreplicator.testing.TestStore;

class HdfsCommitStoreIT extends CommitStoreContract {
    @Override
    TestStore newStore() {
        return TestStore.hdfs();
    }
}
