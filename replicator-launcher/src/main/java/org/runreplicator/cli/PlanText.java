package org.runreplicator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.runreplicator.run.PlanReport;
import org.runreplicator.split.Split;
import org.runreplicator.split.SplitPlan;

/** Renders a {@link PlanReport} for people: the column mapping as a table, then the split method and one line per split. */
final class PlanText {
    private PlanText() {
    }

    static String render(PlanReport report) {
        StringBuilder text = new StringBuilder("Table ").append(report.table()).append('\n').append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"COLUMN", "SOURCE TYPE", "PARQUET TYPE", "HIVE TYPE", "BIGQUERY TYPE"});
        for (PlanReport.ColumnLine c : report.columns()) {
            rows.add(new String[] {c.name, c.sourceType, c.parquetType, c.hiveType, c.bigQueryType});
        }
        appendTable(text, rows);

        SplitPlan plan = report.plan();
        text.append('\n')
                .append("Split method: ").append(plan.method().cliName()).append('\n')
                .append("Split columns: ").append(plan.columns().isEmpty() ? "(none)" : String.join(", ", plan.columns())).append('\n')
                .append("Splits: ").append(plan.splits().size()).append('\n');
        List<String[]> splits = new ArrayList<>();
        splits.add(new String[] {"SPLIT", "EST. ROWS", "PREDICATE"});
        for (Split s : plan.splits()) {
            splits.add(new String[] {
                Integer.toString(s.index()),
                s.estimatedRows() < 0 ? "?" : String.format(Locale.ROOT, "%,d", s.estimatedRows()),
                s.predicate() == null ? "(all rows)" : s.predicate()});
        }
        appendTable(text, splits);
        return text.toString();
    }

    // Pads every column but the last to its widest cell, so long predicates do not widen the table.
    private static void appendTable(StringBuilder text, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], String.valueOf(row[i]).length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = String.valueOf(row[i]);
                line.append(cell);
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
