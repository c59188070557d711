package org.runreplicator.run;

import org.runreplicator.testing.TestStore;

class LocalKilledRunIT extends KilledRunContract {
    @Override
    TestStore newStore() {
        return TestStore.local(temp);
    }
}
