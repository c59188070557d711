package org.runreplicator.run;

import org.runreplicator.testing.TestStore;

class GcsTableCopyIT extends TableCopyOnStoresContract {
    @Override
    TestStore newStore() {
        return TestStore.gcs();
    }
}
