package org.runreplicator.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.TableRef;
import org.runreplicator.testing.TestStore;

class TableOwnerTest {
    @TempDir
    Path temp;

    @Test
    void theFirstTableToWriteALocationOwnsIt_andAnotherWhoseNamesFoldTheSameIsRefusedNamingBoth() throws Exception {
        TestStore test = TestStore.local(temp);
        CommitStore store = CommitProtocols.store(test.target(), test.conf());
        TableLocation location = TableLocation.of(test.target(), new TableRef("Sales", "MyTab"));

        TableOwner.claim(store, location, "Sales.MyTab");
        TableOwner.claim(store, location, "Sales.MyTab");

        assertThat(TableLocation.of(test.target(), new TableRef("sales", "mytab")).tableDir()).isEqualTo(location.tableDir());
        assertThatThrownBy(() -> TableOwner.claim(store, location, "sales.mytab"))
                .isInstanceOf(ReplicatorException.class)
                .hasMessageStartingWith("Cannot copy sales.mytab to ")
                .hasMessageContaining("that location belongs to Sales.MyTab")
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.USAGE));
    }
}
