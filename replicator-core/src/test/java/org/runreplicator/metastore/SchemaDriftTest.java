package org.runreplicator.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDriftTest {
    private static List<HiveColumn> columns(String... nameTypes) {
        List<HiveColumn> columns = new ArrayList<>();
        for (String nameType : nameTypes) {
            String[] parts = nameType.split(" ", 2);
            columns.add(new HiveColumn(parts[0], parts[1]));
        }
        return columns;
    }

    @Test
    void sameColumns_noDrift_evenWhenTheSourceSpellsThemInUpperCase() {
        SchemaDrift drift = SchemaDrift.between(columns("id bigint", "amount decimal(12,2)"), columns("ID BIGINT", "AMOUNT DECIMAL(12, 2)"));

        assertThat(drift.isEmpty()).isTrue();
    }

    @Test
    void appendedColumnsAndSafeWidenings_areEvolvable_toTheSourceColumns() {
        SchemaDrift drift = SchemaDrift.between(columns("id int", "qty smallint", "amount decimal(12,2)", "rate float"),
                columns("id bigint", "qty int", "amount decimal(14,2)", "rate double", "note string"));

        assertThat(drift.isEvolvable()).isTrue();
        assertThat(drift.describe()).isEqualTo("id int -> bigint widened; qty smallint -> int widened;"
                + " amount decimal(12,2) -> decimal(14,2) widened; rate float -> double widened; note string added");
        assertThat(drift.evolvedColumns()).hasToString("[id bigint, qty int, amount decimal(14,2), rate double, note string]");
    }

    @Test
    void droppedMovedNarrowedAndChangedColumns_areNamedEveryOne_andNotEvolvable() {
        SchemaDrift drift = SchemaDrift.between(columns("id bigint", "a string", "b int", "c decimal(12,2)", "d date"),
                columns("id int", "b int", "a string", "c decimal(12,4)"));

        assertThat(drift.isEvolvable()).isFalse();
        assertThat(drift.describe()).isEqualTo("id bigint -> int changed (not a safe widening); a moved from position 2 to 3;"
                + " b moved from position 3 to 2; c decimal(12,2) -> decimal(12,4) changed (not a safe widening); d date dropped");
        assertThatThrownBy(drift::evolvedColumns).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aColumnInsertedInTheMiddle_movesTheOnesAfterIt() {
        SchemaDrift drift = SchemaDrift.between(columns("id bigint", "note string"), columns("id bigint", "region string", "note string"));

        assertThat(drift.isEvolvable()).isFalse();
        assertThat(drift.describe()).isEqualTo("note moved from position 2 to 3; region string added");
    }

    @Test
    void onlyWiderIntegersFloatToDoubleAndMoreIntegerDigitsAtTheSameScaleAreSafe() {
        assertThat(SchemaDrift.isSafeWidening("tinyint", "bigint")).isTrue();
        assertThat(SchemaDrift.isSafeWidening("bigint", "int")).isFalse();
        assertThat(SchemaDrift.isSafeWidening("int", "double")).isFalse();
        assertThat(SchemaDrift.isSafeWidening("decimal(10,2)", "decimal(38,2)")).isTrue();
        assertThat(SchemaDrift.isSafeWidening("decimal(10,2)", "decimal(12,3)")).isFalse();
        assertThat(SchemaDrift.isSafeWidening("string", "binary")).isFalse();
    }
}
