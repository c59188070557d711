COALESCE(mod(hashtext(("PLACED" AT TIME ZONE 'UTC')::text)::bigint + 2147483648, 6), 0) in [0, 5]
