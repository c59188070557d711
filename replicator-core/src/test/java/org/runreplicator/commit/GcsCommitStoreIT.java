package org.runreplicator.commit;

import org.runreplicator.testing.TestStore;

class GcsCommitStoreIT extends CommitStoreContract {
    @Override
    TestStore newStore() {
        return TestStore.gcs();
    }
}
