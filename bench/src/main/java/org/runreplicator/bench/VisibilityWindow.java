package org.runreplicator.bench;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * What an outside lister saw while a run replaced a partition's version {@code old} (of
 * {@code oldFiles} files) by {@code fresh}: how long both versions were visible on the partition
 * path, as bounds from the listings around the moments a lister cannot see directly (the first new
 * file appears between a listing that missed it and one that saw it; likewise the last old one
 * disappears), and how many listings would have handed a reader a mix or a part of a version.
 *
 * @param lowerNanos at least this long both were visible: from the end of the first listing that
 *     saw a new file to the start of the last that saw an old one (0 if no listing saw both)
 * @param upperNanos at most this long: from the start of the listing before the first that saw a
 *     new file to the end of the listing after the last that saw an old one; empty when the
 *     listings do not enclose both moments
 */
record VisibilityWindow(int listings, long lowerNanos, OptionalLong upperNanos, int listingsSeeingBoth,
                        int listingsSeeingPart, long medianListingNanos) {

    static VisibilityWindow of(List<PartitionLister.Listing> listings, String old, int oldFiles, String fresh, int freshFiles) {
        int firstNew = -1;
        int lastOld = -1;
        int both = 0;
        int part = 0;
        for (int i = 0; i < listings.size(); i++) {
            PartitionLister.Listing l = listings.get(i);
            int o = l.files(old);
            int n = l.files(fresh);
            if (n > 0 && firstNew < 0) {
                firstNew = i;
            }
            if (o > 0) {
                lastOld = i;
            }
            if (o > 0 && n > 0) {
                both++;
            }
            if (o > 0 && o < oldFiles || n > 0 && n < freshFiles) {
                part++;
            }
        }
        long lower = 0;
        if (firstNew >= 0 && lastOld >= firstNew) {
            lower = Math.max(0, listings.get(lastOld).startNanos() - listings.get(firstNew).endNanos());
        }
        OptionalLong upper = OptionalLong.empty();
        if (firstNew > 0 && lastOld >= 0 && lastOld + 1 < listings.size()) {
            upper = OptionalLong.of(Math.max(0, listings.get(lastOld + 1).endNanos() - listings.get(firstNew - 1).startNanos()));
        }
        return new VisibilityWindow(listings.size(), lower, upper, both, part, medianDuration(listings));
    }

    private static long medianDuration(List<PartitionLister.Listing> listings) {
        if (listings.isEmpty()) {
            return 0;
        }
        long[] d = listings.stream().mapToLong(l -> l.endNanos() - l.startNanos()).toArray();
        Arrays.sort(d);
        return d[d.length / 2];
    }
}
