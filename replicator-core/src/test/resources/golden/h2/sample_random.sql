SELECT "VA%UE" FROM "Sales"."Orders" WHERE ("VA%UE" IS NOT NULL) AND (region = 'EU' OR region IS NULL) AND (RAND() < 0.00243000)
