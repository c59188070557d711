package org.runreplicator.types;

import java.util.List;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.SourceColumn;

/**
 * A column the type mapping cannot copy as it is: what is wrong and the {@code --map-column} that
 * would carry it. {@link TypeMapper} collects every one of a table's refusals before failing, so a
 * user learns of all of them in one run rather than one per run.
 */
final class ColumnRefusal {
    private final String column;
    private final String what;
    private final String advice;

    ColumnRefusal(SourceColumn column, String what, String advice) {
        this.column = column.name();
        this.what = what;
        this.advice = advice;
    }

    /**
     * One SOURCE failure naming every refused column of {@code table}, on one line: the
     * source's types are what cannot be read, as with a missing table.
     */
    static ReplicatorException failure(String table, List<ColumnRefusal> refusals) {
        if (refusals.size() == 1) {
            ColumnRefusal only = refusals.get(0);
            return new ReplicatorException(FailureKind.SOURCE,
                    "Cannot read table " + table + ": column " + only.column + " has " + only.what + "; map it with " + only.advice);
        }
        StringBuilder message = new StringBuilder("Cannot read table ").append(table).append(": ").append(refusals.size())
                .append(" columns cannot be copied as they are: ");
        for (int i = 0; i < refusals.size(); i++) {
            ColumnRefusal refusal = refusals.get(i);
            message.append(i == 0 ? "" : "; ").append("column ").append(refusal.column).append(" has ").append(refusal.what)
                    .append(" (map it with ").append(refusal.advice).append(')');
        }
        return new ReplicatorException(FailureKind.SOURCE, message.toString());
    }
}
