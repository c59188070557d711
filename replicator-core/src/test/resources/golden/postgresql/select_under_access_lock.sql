SELECT "ORDER_ID", "VA%UE", "say ""hi""", "PLACED" FROM "Sales"."Orders" WHERE ("ORDER_ID" >= 10 AND "ORDER_ID" < 20) AND (region = 'EU' OR region IS NULL)
