SELECT COUNT(*) FROM "Sales"."Orders" WHERE (region = 'EU' OR region IS NULL)
