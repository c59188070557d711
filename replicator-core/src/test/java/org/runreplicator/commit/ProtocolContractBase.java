package org.runreplicator.commit;

import org.junit.jupiter.api.BeforeEach;
import org.runreplicator.testing.TestStore;

/** The setup every commit contract shares: a fresh real store per test, driven through a {@link ProtocolHarness}. */
abstract class ProtocolContractBase {
    ProtocolHarness harness;

    /** A fresh store for this test; one subclass per kind of store. */
    abstract TestStore newStore();

    @BeforeEach
    void openStore() {
        harness = new ProtocolHarness(newStore());
    }
}
