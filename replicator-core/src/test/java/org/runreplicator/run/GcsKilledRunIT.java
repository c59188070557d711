package org.runreplicator.run;

import org.runreplicator.testing.TestStore;

class GcsKilledRunIT extends KilledRunContract {
    @Override
    TestStore newStore() {
        return TestStore.gcs();
    }
}
