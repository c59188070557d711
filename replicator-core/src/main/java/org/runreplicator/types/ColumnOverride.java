package org.runreplicator.types;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.SourceColumn;

/**
 * A user's {@code --map-column COL=TYPE}: STRING (the driver's exact text, for any column),
 * or, for numeric columns only, BIGINT, DOUBLE or DECIMAL(p[,s]). Values that do not fit the
 * chosen type exactly still stop the run (except DOUBLE, which the user chose knowing it is binary).
 */
final class ColumnOverride {
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\s*\\(\\s*(\\d{1,3})\\s*(?:,\\s*(\\d{1,3})\\s*)?\\)");

    private enum Target { STRING, BIGINT, DOUBLE, DECIMAL }

    private final Target target;
    private final int precision;
    private final int scale;

    private ColumnOverride(Target target, int precision, int scale) {
        this.target = target;
        this.precision = precision;
        this.scale = scale;
    }

    static ColumnOverride parse(String column, String type) {
        String text = type == null ? "" : type.trim().toUpperCase(Locale.ROOT);
        switch (text) {
            case "STRING":
                return new ColumnOverride(Target.STRING, 0, 0);
            case "BIGINT":
                return new ColumnOverride(Target.BIGINT, 0, 0);
            case "DOUBLE":
                return new ColumnOverride(Target.DOUBLE, 0, 0);
            default:
                break;
        }
        Matcher decimal = DECIMAL.matcher(text);
        if (!decimal.matches()) {
            throw ReplicatorException.usage("Invalid --map-column " + column + "=" + type + ": expected STRING, BIGINT, DOUBLE or DECIMAL(p,s)");
        }
        int precision = Integer.parseInt(decimal.group(1));
        int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
        if (precision < 1 || precision > StandardColumnMappings.MAX_DECIMAL_PRECISION || scale > precision) {
            throw ReplicatorException.usage("Invalid --map-column " + column + "=" + type
                    + ": DECIMAL precision must be 1 to 38 and scale 0 to the precision");
        }
        return new ColumnOverride(Target.DECIMAL, precision, scale);
    }

    ColumnMapping mapping(SourceColumn column, boolean numericSource, boolean integerSource, String table, ParquetFlavor flavor) {
        String name = column.name();
        String source = column.typeName() + " as " + describe() + " (--map-column)";
        if (target == Target.STRING) {
            return StandardColumnMappings.of(name, source, LogicalType.STRING, ColumnType.Read.TEXT_OF_VALUE, flavor);
        }
        if (!numericSource) {
            throw ReplicatorException.usage("Cannot apply --map-column " + name + "=" + describe() + " to table " + table + ": column "
                    + name + " has type " + column.typeName() + ", and only numeric columns map to BIGINT, DOUBLE or DECIMAL; use "
                    + name + "=STRING");
        }
        switch (target) {
            case BIGINT:
                return StandardColumnMappings.of(name, source, LogicalType.BIGINT,
                        integerSource ? ColumnType.Read.NATIVE : ColumnType.Read.WHOLE_NUMBER, flavor);
            case DOUBLE:
                return StandardColumnMappings.of(name, source, LogicalType.DOUBLE, ColumnType.Read.NATIVE, flavor);
            default:
                return StandardColumnMappings.of(name, source, LogicalType.decimal(precision, scale), ColumnType.Read.NATIVE, flavor);
        }
    }

    private String describe() {
        return target == Target.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : target.name();
    }
}
