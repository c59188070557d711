COALESCE(mod(hashtext(concat_ws('|', "ORDER_ID"::text, "VA%UE"::text))::bigint + 2147483648, 6), 0) in [0, 5]
