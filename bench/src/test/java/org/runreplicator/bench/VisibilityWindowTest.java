package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VisibilityWindowTest {
    private static final long MS = 1_000_000;
    private final List<PartitionLister.Listing> listings = new ArrayList<>();

    /** A listing from {@code startMs} lasting 4 ms that saw {@code old} and {@code fresh} files. */
    private void listing(long startMs, int old, int fresh) {
        Map<String, Integer> seen = new java.util.TreeMap<>();
        if (old > 0) {
            seen.put("run-old", old);
        }
        if (fresh > 0) {
            seen.put("run-new", fresh);
        }
        listings.add(new PartitionLister.Listing(startMs * MS, (startMs + 4) * MS, seen));
    }

    @Test
    void bothVersionsSeenTogether_boundTheWindowFromTheListingsAroundIt() {
        listing(0, 4, 0);
        listing(10, 4, 2);  // first new file seen
        listing(20, 4, 4);
        listing(30, 1, 4);  // last old file seen
        listing(40, 0, 4);

        VisibilityWindow w = VisibilityWindow.of(listings, "run-old", 4, "run-new", 4);

        assertThat(w.lowerNanos()).isEqualTo((30 - 14) * MS);
        assertThat(w.upperNanos()).isEqualTo(OptionalLong.of((44 - 0) * MS));
        assertThat(w.listingsSeeingBoth()).isEqualTo(3);
        assertThat(w.listingsSeeingPart()).isEqualTo(2);
        assertThat(w.listings()).isEqualTo(5);
        assertThat(w.medianListingNanos()).isEqualTo(4 * MS);
    }

    @Test
    void versionsNeverSeenTogether_haveNoLowerBound_butStillAnUpperOne() {
        listing(0, 4, 0);
        listing(10, 0, 4);
        listing(20, 0, 4);

        VisibilityWindow w = VisibilityWindow.of(listings, "run-old", 4, "run-new", 4);

        assertThat(w.lowerNanos()).isZero();
        assertThat(w.upperNanos()).isEqualTo(OptionalLong.of(14 * MS));
        assertThat(w.listingsSeeingBoth()).isZero();
    }

    @Test
    void listingsThatDoNotEncloseTheWindow_giveNoUpperBound() {
        listing(0, 4, 1);
        listing(10, 4, 4);

        VisibilityWindow w = VisibilityWindow.of(listings, "run-old", 4, "run-new", 4);

        assertThat(w.upperNanos()).isEmpty();
        assertThat(w.lowerNanos()).isEqualTo((10 - 4) * MS);
    }
}
