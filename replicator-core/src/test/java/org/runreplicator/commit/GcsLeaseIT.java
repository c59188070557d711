package org.runreplicator.commit;

import org.runreplicator.testing.TestStore;

class GcsLeaseIT extends LeaseContract {
    @Override
    TestStore newStore() {
        return TestStore.gcs();
    }
}
