package org.runreplicator.source;

import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;

/**
 * Teradata's {@code DBC.ColumnsV.ColumnType} codes, the canonical type name the type mapping
 * expects (upper case, no parameters) and the {@link Types} code the Teradata JDBC driver
 * reports for a column of that type in its result set metadata.
 *
 * <p>Driver codes, from the driver's documented type mapping as best known: BYTEINT is TINYINT,
 * NUMBER is NUMERIC, FLOAT (also REAL and DOUBLE PRECISION, which Teradata stores as FLOAT) is
 * FLOAT, BYTE/VARBYTE are BINARY/VARBINARY, TIME and TIMESTAMP WITH TIME ZONE are the JDBC 4.2
 * *_WITH_TIMEZONE codes, PERIOD values come back as {@link java.sql.Struct} (STRUCT), intervals
 * as OTHER (their values read as text), JSON as CLOB (read as a character LOB) and XML as SQLXML.
 */
final class TeradataColumnTypes {
    /** How precision and scale are read from the dictionary for a type. */
    private enum Sizing { NONE, DECIMAL, CHARACTERS, BYTES, FRACTIONAL_SECONDS, INTERVAL }

    private static final class Type {
        final String name;
        final int jdbcType;
        final Sizing sizing;

        Type(String name, int jdbcType, Sizing sizing) {
            this.name = name;
            this.jdbcType = jdbcType;
            this.sizing = sizing;
        }
    }

    private static final Map<String, Type> BY_CODE = new HashMap<>();

    static {
        define("I1", "BYTEINT", Types.TINYINT, Sizing.NONE);
        define("I2", "SMALLINT", Types.SMALLINT, Sizing.NONE);
        define("I", "INTEGER", Types.INTEGER, Sizing.NONE);
        define("I8", "BIGINT", Types.BIGINT, Sizing.NONE);
        define("D", "DECIMAL", Types.DECIMAL, Sizing.DECIMAL);
        define("N", "NUMBER", Types.NUMERIC, Sizing.DECIMAL);
        define("F", "FLOAT", Types.FLOAT, Sizing.NONE);
        define("DA", "DATE", Types.DATE, Sizing.NONE);
        define("AT", "TIME", Types.TIME, Sizing.FRACTIONAL_SECONDS);
        define("TZ", "TIME WITH TIME ZONE", Types.TIME_WITH_TIMEZONE, Sizing.FRACTIONAL_SECONDS);
        define("TS", "TIMESTAMP", Types.TIMESTAMP, Sizing.FRACTIONAL_SECONDS);
        define("SZ", "TIMESTAMP WITH TIME ZONE", Types.TIMESTAMP_WITH_TIMEZONE, Sizing.FRACTIONAL_SECONDS);
        define("CF", "CHAR", Types.CHAR, Sizing.CHARACTERS);
        define("CV", "VARCHAR", Types.VARCHAR, Sizing.CHARACTERS);
        define("CO", "CLOB", Types.CLOB, Sizing.CHARACTERS);
        define("BF", "BYTE", Types.BINARY, Sizing.BYTES);
        define("BV", "VARBYTE", Types.VARBINARY, Sizing.BYTES);
        define("BO", "BLOB", Types.BLOB, Sizing.BYTES);
        define("PD", "PERIOD(DATE)", Types.STRUCT, Sizing.NONE);
        define("PT", "PERIOD(TIME)", Types.STRUCT, Sizing.FRACTIONAL_SECONDS);
        define("PZ", "PERIOD(TIME WITH TIME ZONE)", Types.STRUCT, Sizing.FRACTIONAL_SECONDS);
        define("PS", "PERIOD(TIMESTAMP)", Types.STRUCT, Sizing.FRACTIONAL_SECONDS);
        define("PM", "PERIOD(TIMESTAMP WITH TIME ZONE)", Types.STRUCT, Sizing.FRACTIONAL_SECONDS);
        define("YR", "INTERVAL YEAR", Types.OTHER, Sizing.INTERVAL);
        define("YM", "INTERVAL YEAR TO MONTH", Types.OTHER, Sizing.INTERVAL);
        define("MO", "INTERVAL MONTH", Types.OTHER, Sizing.INTERVAL);
        define("DY", "INTERVAL DAY", Types.OTHER, Sizing.INTERVAL);
        define("DH", "INTERVAL DAY TO HOUR", Types.OTHER, Sizing.INTERVAL);
        define("DM", "INTERVAL DAY TO MINUTE", Types.OTHER, Sizing.INTERVAL);
        define("DS", "INTERVAL DAY TO SECOND", Types.OTHER, Sizing.INTERVAL);
        define("HR", "INTERVAL HOUR", Types.OTHER, Sizing.INTERVAL);
        define("HM", "INTERVAL HOUR TO MINUTE", Types.OTHER, Sizing.INTERVAL);
        define("HS", "INTERVAL HOUR TO SECOND", Types.OTHER, Sizing.INTERVAL);
        define("MI", "INTERVAL MINUTE", Types.OTHER, Sizing.INTERVAL);
        define("MS", "INTERVAL MINUTE TO SECOND", Types.OTHER, Sizing.INTERVAL);
        define("SC", "INTERVAL SECOND", Types.OTHER, Sizing.INTERVAL);
        define("JN", "JSON", Types.CLOB, Sizing.CHARACTERS);
        define("XM", "XML", Types.SQLXML, Sizing.NONE);
    }

    // CharType 2 (UNICODE) and 4 (GRAPHIC) store two bytes per character; ColumnLength counts bytes.
    private static final int UNICODE = 2;
    private static final int GRAPHIC = 4;

    private TeradataColumnTypes() {
    }

    private static void define(String code, String name, int jdbcType, Sizing sizing) {
        BY_CODE.put(code, new Type(name, jdbcType, sizing));
    }

    /**
     * The column for one {@code DBC.ColumnsV} row. {@code totalDigits} and {@code fractionalDigits}
     * are negative for NUMBER without precision ({@code NUMBER(*)}), which becomes precision 0.
     */
    static SourceColumn column(TableRef table, String name, int position, String code, long length,
                               int totalDigits, int fractionalDigits, int charType, boolean nullable) {
        if (code == null) {
            throw new ReplicatorException(FailureKind.SOURCE, "Cannot read table " + table + ": column " + name
                    + " has no type in DBC.ColumnsV (a view's columns have none; copy from its base table)");
        }
        Type type = BY_CODE.get(code.trim());
        if (type == null) {
            throw new ReplicatorException(FailureKind.SOURCE, "Cannot read table " + table + ": column " + name
                    + " has unsupported Teradata type code '" + code.trim() + "' (user-defined, ARRAY, geospatial and DATASET types cannot be copied)");
        }
        int precision = 0;
        int scale = 0;
        switch (type.sizing) {
            case DECIMAL:
                precision = Math.max(0, totalDigits);
                scale = Math.max(0, fractionalDigits);
                break;
            case CHARACTERS:
                precision = (int) Math.min(Integer.MAX_VALUE, charType == UNICODE || charType == GRAPHIC ? length / 2 : length);
                break;
            case BYTES:
                precision = (int) Math.min(Integer.MAX_VALUE, length);
                break;
            case FRACTIONAL_SECONDS:
                scale = Math.max(0, fractionalDigits);
                break;
            case INTERVAL:
                precision = Math.max(0, totalDigits);
                scale = Math.max(0, fractionalDigits);
                break;
            default:
                break;
        }
        return new SourceColumn(name, position, type.jdbcType, type.name, precision, scale, nullable);
    }
}
