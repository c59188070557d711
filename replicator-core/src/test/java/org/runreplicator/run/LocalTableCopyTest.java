package org.runreplicator.run;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.testing.TestStore;

class LocalTableCopyTest extends TableCopyOnStoresContract {
    @TempDir
    Path temp;

    @Override
    TestStore newStore() {
        return TestStore.local(temp);
    }
}
