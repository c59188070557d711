package org.runreplicator.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.runreplicator.event.OnPremEvent;
import org.runreplicator.ledger.LedgerStatus;

class DagRunIdTest {
    private static final Instant TD = Instant.parse("2024-05-01T02:00:00Z");

    private static String id(String db, String table, Instant td) {
        return DagRunId.of(OnPremEvent.of(db, table, td, LedgerStatus.SUCCEEDED));
    }

    @Test
    void isAFunctionOfTheTableAndTheOnPremRunOnly() {
        assertThat(id("sales", "orders", TD)).isEqualTo(id("sales", "orders", TD))
                .isEqualTo(DagRunId.of(OnPremEvent.of("sales", "orders", TD, LedgerStatus.FAILED)))
                .matches("onprem__sales\\.orders__2024-05-01T02:00:00Z__[0-9a-f]{16}");
        assertThat(id("sales", "orders", TD.plusNanos(1000))).isNotEqualTo(id("sales", "orders", TD));
        assertThat(id("sales", "orders2", TD)).isNotEqualTo(id("sales", "orders", TD));
    }

    @Test
    void keepsToAirflowsRunIdCharacters_andTablesWhoseReadablePartsFoldTogetherStayApart() {
        String dollar = id("sales$", "orders", TD);
        String hash = id("sales#", "orders", TD);
        String upper = id("SALES", "orders", TD);

        assertThat(dollar).matches("[A-Za-z0-9_.~:+-]+").startsWith("onprem__sales-.orders__");
        assertThat(dollar).isNotEqualTo(hash);
        assertThat(upper).isNotEqualTo(id("sales", "orders", TD));
    }

    @Test
    void staysWithinAirflows250Characters_forTheLongestNames() {
        String longest = id("d".repeat(128), "t".repeat(128), Instant.parse("2024-05-01T02:00:00.123456Z"));

        assertThat(longest).hasSizeLessThanOrEqualTo(250).matches("[A-Za-z0-9_.~:+-]+");
        assertThat(longest).isNotEqualTo(id("d".repeat(128), "t".repeat(127), Instant.parse("2024-05-01T02:00:00.123456Z")));
    }
}
