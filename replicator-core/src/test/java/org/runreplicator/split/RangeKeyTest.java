package org.runreplicator.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.runreplicator.source.SourceColumn;

class RangeKeyTest {
    private static SourceColumn column(int jdbcType, String typeName) {
        return new SourceColumn("K", 1, jdbcType, typeName, 0, 0, true);
    }

    @Test
    void numbersDatesAndTimestampsCanBeRangeSplit_butTextAndZonedTimestampsCannot() {
        assertThat(RangeKey.of(column(Types.BIGINT, "INT8"))).contains(RangeKey.EXACT_NUMBER);
        assertThat(RangeKey.of(column(Types.NUMERIC, "NUMBER"))).contains(RangeKey.EXACT_NUMBER);
        assertThat(RangeKey.of(column(Types.FLOAT, "FLOAT"))).contains(RangeKey.APPROXIMATE_NUMBER);
        assertThat(RangeKey.of(column(Types.DATE, "DATE"))).contains(RangeKey.DATE);
        assertThat(RangeKey.of(column(Types.TIMESTAMP, "TIMESTAMP"))).contains(RangeKey.TIMESTAMP);
        assertThat(RangeKey.of(column(Types.TIMESTAMP, "TIMESTAMPTZ"))).isEmpty();
        assertThat(RangeKey.of(column(Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMP WITH TIME ZONE"))).isEmpty();
        assertThat(RangeKey.of(column(Types.VARCHAR, "VARCHAR"))).isEmpty();
    }

    @Test
    void literalsAreTypedAndPlain_withLongNumbersInExponentForm() {
        assertThat(RangeKey.EXACT_NUMBER.literal(new BigDecimal("-9223372036854775808"))).isEqualTo("-9223372036854775808");
        assertThat(RangeKey.EXACT_NUMBER.literal(new BigDecimal("1E+2"))).isEqualTo("100");
        assertThat(RangeKey.APPROXIMATE_NUMBER.literal(BigDecimal.valueOf(1.7976931348623157E308))).isEqualTo("1.7976931348623157E+308");
        assertThat(RangeKey.DATE.literal(LocalDate.of(1, 1, 1))).isEqualTo("DATE '0001-01-01'");
        assertThat(RangeKey.TIMESTAMP.literal(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)))
                .isEqualTo("TIMESTAMP '9999-12-31 23:59:59.999999'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void boundariesAreDistinctQuantiles_andNeverTheSmallestSampledValue() {
        List<Comparable<Object>> sample = new ArrayList<>();
        for (int v : new int[] {1, 1, 1, 1, 1, 1, 2, 3, 4, 5}) {
            sample.add((Comparable<Object>) (Comparable<?>) BigDecimal.valueOf(v));
        }
        assertThat(RangeSplitter.boundaries(sample, 5)).extracting(Object::toString).containsExactly("2", "4");
        assertThat(RangeSplitter.boundaries(List.of(), 5)).isEmpty();
    }
}
