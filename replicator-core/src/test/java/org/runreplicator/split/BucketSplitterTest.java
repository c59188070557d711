package org.runreplicator.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.runreplicator.source.BucketExpression;

class BucketSplitterTest {
    @Test
    void countedBucketsAreGroupedIntoContiguousRunsThatTileTheWholeInterval() {
        TreeMap<Long, Long> perAmp = new TreeMap<>();
        for (long amp = 0; amp < 8; amp++) {
            perAmp.put(amp, 100L);
        }
        List<BucketSplitter.Bin> bins = BucketSplitter.byCount(perAmp, 4, 0, 7);

        assertThat(bins).extracting(b -> b.lo + "-" + b.hi + ":" + b.rows).containsExactly("0-1:200", "2-3:200", "4-5:200", "6-7:200");
    }

    @Test
    void emptyBucketsAreAbsorbed_andSkewedBucketsStandAlone() {
        TreeMap<Long, Long> perPartition = new TreeMap<>();
        perPartition.put(3L, 10L);
        perPartition.put(40L, 1_000L);
        perPartition.put(41L, 10L);
        perPartition.put(90L, 10L);
        List<BucketSplitter.Bin> bins = BucketSplitter.byCount(perPartition, 3, 0, Long.MAX_VALUE);

        assertThat(bins).extracting(b -> b.lo + "-" + b.hi + ":" + b.rows)
                .containsExactly("0-40:1010", "41-41:10", "42-" + Long.MAX_VALUE + ":10");
    }

    @Test
    void noCountedRowsGiveOneBinOverTheWholeInterval() {
        assertThat(BucketSplitter.byCount(new TreeMap<>(), 5, 0, 7)).extracting(b -> b.lo + "-" + b.hi).containsExactly("0-7");
    }

    @Test
    void uniformBucketsAreCutIntoEqualWidths_neverMoreThanThereAreBuckets() {
        assertThat(BucketSplitter.equalWidths(0, (1 << 20) - 1, 3, 300)).extracting(b -> b.lo + "-" + b.hi + ":" + b.rows)
                .containsExactly("0-349524:100", "349525-699049:100", "699050-1048575:100");
        assertThat(BucketSplitter.equalWidths(0, 1, 5, 10)).hasSize(2);
    }

    @Test
    void predicatesLeaveTheIntervalsEndsOpenAndNameSingleBucketsExactly() {
        BucketExpression amp = BucketExpression.counted("HASHAMP(HASHBUCKET(HASHROW(\"ID\")))", 0, 7);
        assertThat(BucketSplitter.predicate(amp, new BucketSplitter.Bin(0, 2, 0))).isEqualTo("HASHAMP(HASHBUCKET(HASHROW(\"ID\"))) <= 2");
        assertThat(BucketSplitter.predicate(amp, new BucketSplitter.Bin(3, 5, 0))).isEqualTo("HASHAMP(HASHBUCKET(HASHROW(\"ID\"))) BETWEEN 3 AND 5");
        assertThat(BucketSplitter.predicate(amp, new BucketSplitter.Bin(6, 7, 0))).isEqualTo("HASHAMP(HASHBUCKET(HASHROW(\"ID\"))) >= 6");
        assertThat(BucketSplitter.predicate(amp, new BucketSplitter.Bin(4, 4, 0))).isEqualTo("HASHAMP(HASHBUCKET(HASHROW(\"ID\"))) = 4");
    }
}
