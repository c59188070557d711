package org.runreplicator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class LedgerSpecTest {

    @Test
    void everyLedgerFormParses() {
        LedgerSpec bigQuery = LedgerSpec.parse("bigquery:my-project.ops.run_ledger");
        LedgerSpec jdbc = LedgerSpec.parse("jdbc:postgresql://10.0.0.5:5432/ops");
        LedgerSpec embedded = LedgerSpec.parse("embedded");
        LedgerSpec embeddedAt = LedgerSpec.parse("embedded:/var/lib/replicator/ledger");

        assertThat(bigQuery.kind()).isEqualTo(LedgerSpec.Kind.BIGQUERY);
        assertThat(bigQuery.bigQueryTable().project()).isEqualTo("my-project");
        assertThat(bigQuery.bigQueryTable().dataset()).isEqualTo("ops");
        assertThat(bigQuery.bigQueryTable().quoted()).isEqualTo("`my-project.ops.run_ledger`");
        assertThat(jdbc.kind()).isEqualTo(LedgerSpec.Kind.JDBC);
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5:5432/ops");
        assertThat(embedded.embeddedPath()).isEqualTo(Paths.get("replicator-ledger").toAbsolutePath());
        assertThat(embeddedAt.jdbcUrl()).isEqualTo("jdbc:h2:file:/var/lib/replicator/ledger");
        assertThat(LedgerSpec.parse("none").kind()).isEqualTo(LedgerSpec.Kind.NONE);
    }

    @Test
    void malformedLedgersAreRefused_withoutEchoingAJdbcUrl() {
        assertThatThrownBy(() -> LedgerSpec.parse("bigquery:ops.ledger")).hasMessageContaining("PROJECT.DATASET.TABLE");
        assertThatThrownBy(() -> LedgerSpec.parse("bigquery:my-project.ops.t`x")).hasMessageContaining("PROJECT.DATASET.TABLE");
        assertThatThrownBy(() -> LedgerSpec.parse("ledger.csv")).hasMessageContaining("embedded[:PATH]");
        assertThatThrownBy(() -> LedgerSpec.parse("jdbc:sqlserver://h;password=Hunter2")).hasMessageNotContaining("Hunter2");
    }

    @Test
    void aJdbcSpecPrintsWithItsPasswordMasked() {
        assertThat(LedgerSpec.parse("jdbc:mysql://etl:Hunter2@db:3306/ops").toString()).isEqualTo("jdbc:mysql://etl:****@db:3306/ops");
    }
}
