"""Reads the Parquet files of one partition directory with pyarrow and prints what the shell test compares.

Usage: read_partition.py DIRECTORY KEY_COLUMN COLUMN...

Prints the row count, then for the row with the smallest KEY_COLUMN each COLUMN as NAME=VALUE
(decimals as plain text, timestamps as ISO-8601 without a zone), then each COLUMN's Arrow type.
"""
import decimal
import glob
import os
import sys

import pyarrow.parquet as pq


def text(value):
    if value is None:
        return "NULL"
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def main(argv):
    directory, key, columns = argv[1], argv[2], argv[3:]
    files = sorted(f for f in glob.glob(os.path.join(directory, "*.parquet")))
    table = pq.ParquetDataset(files).read()
    rows = sorted(table.to_pylist(), key=lambda row: row[key])
    print(table.num_rows)
    print(", ".join(f"{c}={text(rows[0][c])}" for c in columns))
    print(", ".join(f"{c}:{table.schema.field(c).type}" for c in columns))


if __name__ == "__main__":
    main(sys.argv)
