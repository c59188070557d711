package org.runreplicator.commit;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.testing.TestStore;

class LocalLeaseIT extends LeaseContract {
    @TempDir
    Path temp;

    @Override
    TestStore newStore() {
        return TestStore.local(temp);
    }
}
