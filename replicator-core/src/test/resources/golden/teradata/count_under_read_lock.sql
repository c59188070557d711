LOCKING TABLE "Sales"."Orders" FOR READ SELECT CAST(COUNT(*) AS BIGINT) FROM "Sales"."Orders" WHERE (region = 'EU' OR region IS NULL)
