package org.runreplicator.commit;

import org.runreplicator.testing.TestStore;

class GcsCommitProtocolIT extends CommitProtocolContract {
    @Override
    TestStore newStore() {
        return TestStore.gcs();
    }
}
