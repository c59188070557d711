package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.runreplicator.run.PlanReport;
import org.runreplicator.split.Split;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.split.SplitPlan;

class PlanTextTest {

    @Test
    void rendersTheColumnMappingAsATable_thenTheMethodAndOneLinePerSplit() {
        PlanReport report = new PlanReport("sales.orders",
                List.of(new PlanReport.ColumnLine("ORDER_ID", "INTEGER", "INT32", "int", "INT64"),
                        new PlanReport.ColumnLine("AMOUNT", "DECIMAL(18,4)", "INT64 DECIMAL(18,4)", "decimal(18,4)", "NUMERIC(18,4)")),
                new SplitPlan(SplitMethod.HASH, List.of("ORDER_ID"), List.of(
                        new Split(0, "HASHBUCKET(HASHROW(\"ORDER_ID\")) MOD 2 = 0", 1_250_000),
                        new Split(1, "HASHBUCKET(HASHROW(\"ORDER_ID\")) MOD 2 = 1", -1))));

        assertThat(PlanText.render(report)).isEqualTo(String.join("\n",
                "Table sales.orders",
                "",
                "COLUMN    SOURCE TYPE    PARQUET TYPE         HIVE TYPE      BIGQUERY TYPE",
                "ORDER_ID  INTEGER        INT32                int            INT64",
                "AMOUNT    DECIMAL(18,4)  INT64 DECIMAL(18,4)  decimal(18,4)  NUMERIC(18,4)",
                "",
                "Split method: hash",
                "Split columns: ORDER_ID",
                "Splits: 2",
                "SPLIT  EST. ROWS  PREDICATE",
                "0      1,250,000  HASHBUCKET(HASHROW(\"ORDER_ID\")) MOD 2 = 0",
                "1      ?          HASHBUCKET(HASHROW(\"ORDER_ID\")) MOD 2 = 1",
                ""));
    }

    @Test
    void saysAllRows_forASingleUnsplitRead() {
        PlanReport report = new PlanReport("db.t", List.of(new PlanReport.ColumnLine("ID", "INTEGER", "INT32", "int", "INT64")),
                new SplitPlan(SplitMethod.NONE, List.of(), List.of(new Split(0, null, 42))));

        assertThat(PlanText.render(report)).contains("Split columns: (none)", "0      42         (all rows)");
    }
}
