package org.runreplicator.commit;

import org.runreplicator.testing.TestStore;

class HdfsCommitProtocolIT extends CommitProtocolContract {
    @Override
    TestStore newStore() {
        return TestStore.hdfs();
    }
}
