package org.runreplicator.commit;

import org.runreplicator.testing.TestStore;

class GcsCommitFaultIT extends CommitFaultContract {
    @Override
    TestStore newStore() {
        return TestStore.gcs();
    }
}
