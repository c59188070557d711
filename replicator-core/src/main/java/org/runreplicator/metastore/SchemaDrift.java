package org.runreplicator.metastore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the source's columns differ from an existing Hive table's, column by column, and whether
 * the difference can be evolved: new columns appended at the end and safe widenings (a wider
 * integer, FLOAT to DOUBLE, a decimal with more integer digits at the same scale), which every
 * reader of the older files still reads exactly. Dropped, moved and narrowed or otherwise changed
 * columns cannot.
 */
public final class SchemaDrift {
    /** One differing column. */
    public static final class Change {
        public enum Kind {
            ADDED(true), WIDENED(true), DROPPED(false), MOVED(false), CHANGED(false);

            final boolean evolvable;

            Kind(boolean evolvable) {
                this.evolvable = evolvable;
            }
        }

        public final Kind kind;
        public final String column;
        private final String detail;

        Change(Kind kind, String column, String detail) {
            this.kind = kind;
            this.column = column;
            this.detail = detail;
        }

        @Override
        public String toString() {
            return column + " " + detail;
        }
    }

    private static final List<String> INTEGERS = List.of("tinyint", "smallint", "int", "bigint");
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");

    private final List<HiveColumn> table;
    private final List<HiveColumn> source;
    private final List<Change> changes;

    private SchemaDrift(List<HiveColumn> table, List<HiveColumn> source, List<Change> changes) {
        this.table = table;
        this.source = source;
        this.changes = List.copyOf(changes);
    }

    /** The differences of {@code source} (what the run writes) from {@code table} (what the metastore has). */
    public static SchemaDrift between(List<HiveColumn> table, List<HiveColumn> source) {
        Map<String, Integer> sourcePosition = positions(source);
        Map<String, Integer> tablePosition = positions(table);
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            HiveColumn existing = table.get(i);
            Integer at = sourcePosition.get(existing.name());
            if (at == null) {
                changes.add(new Change(Change.Kind.DROPPED, existing.name(), existing.type() + " dropped"));
                continue;
            }
            HiveColumn wanted = source.get(at);
            if (at != i) {
                changes.add(new Change(Change.Kind.MOVED, existing.name(), "moved from position " + (i + 1) + " to " + (at + 1)));
            }
            if (!wanted.type().equals(existing.type())) {
                boolean widened = isSafeWidening(existing.type(), wanted.type());
                changes.add(new Change(widened ? Change.Kind.WIDENED : Change.Kind.CHANGED, existing.name(),
                        existing.type() + " -> " + wanted.type() + (widened ? " widened" : " changed (not a safe widening)")));
            }
        }
        for (HiveColumn wanted : source) {
            if (!tablePosition.containsKey(wanted.name())) {
                changes.add(new Change(Change.Kind.ADDED, wanted.name(), wanted.type() + " added"));
            }
        }
        return new SchemaDrift(table, source, changes);
    }

    /** Whether a column of Hive type {@code from} can become {@code to} with every stored value read exactly. */
    static boolean isSafeWidening(String from, String to) {
        int fromInteger = INTEGERS.indexOf(from);
        int toInteger = INTEGERS.indexOf(to);
        if (fromInteger >= 0 && toInteger >= 0) {
            return toInteger > fromInteger;
        }
        if (from.equals("float") && to.equals("double")) {
            return true;
        }
        Matcher a = DECIMAL.matcher(from);
        Matcher b = DECIMAL.matcher(to);
        if (a.matches() && b.matches()) {
            int p1 = Integer.parseInt(a.group(1));
            int s1 = Integer.parseInt(a.group(2));
            int p2 = Integer.parseInt(b.group(1));
            int s2 = Integer.parseInt(b.group(2));
            return s1 == s2 && p2 > p1;
        }
        return false;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<Change> changes() {
        return changes;
    }

    /** Whether {@code --schema-change evolve} can apply every change. */
    public boolean isEvolvable() {
        return changes.stream().allMatch(c -> c.kind.evolvable);
    }

    /** The table's columns after evolving: its own with widened types, then the new ones in source order. */
    public List<HiveColumn> evolvedColumns() {
        if (!isEvolvable()) {
            throw new IllegalStateException("Cannot evolve: " + describe());
        }
        return List.copyOf(source);
    }

    /** Every change on one line: "amount decimal(12,2) -> decimal(14,2) widened; note string added". */
    public String describe() {
        return changes.stream().map(Change::toString).collect(Collectors.joining("; "));
    }

    /** The table's columns as the metastore has them. */
    public List<HiveColumn> tableColumns() {
        return table;
    }

    private static Map<String, Integer> positions(List<HiveColumn> columns) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i).name(), i);
        }
        return positions;
    }
}
