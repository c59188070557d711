package org.runreplicator.commit;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.testing.TestStore;

class LocalCommitProtocolIT extends CommitProtocolContract {
    @TempDir
    Path temp;

    @Override
    TestStore newStore() {
        return TestStore.local(temp);
    }
}
