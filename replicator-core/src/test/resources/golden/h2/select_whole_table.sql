SELECT "ORDER_ID", "VA%UE", "say ""hi""", "PLACED" FROM "Sales"."Orders"
