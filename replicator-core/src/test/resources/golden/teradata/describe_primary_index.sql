SELECT ColumnName, IndexType, ColumnPosition FROM DBC.IndicesV WHERE DatabaseName = ? AND TableName = ? AND IndexType IN ('P', 'Q') ORDER BY ColumnPosition
