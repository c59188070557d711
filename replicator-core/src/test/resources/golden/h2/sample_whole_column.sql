SELECT "VA%UE" FROM "Sales"."Orders" WHERE ("VA%UE" IS NOT NULL) AND (region = 'EU' OR region IS NULL)
