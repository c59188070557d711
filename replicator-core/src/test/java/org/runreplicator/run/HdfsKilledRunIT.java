package org.runreplicator.run;

import org.runreplicator.testing.TestStore;

class HdfsKilledRunIT extends KilledRunContract {
    @Override
    TestStore newStore() {
        return TestStore.hdfs();
    }
}
