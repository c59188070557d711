package org.runreplicator.source;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.runreplicator.ReplicatorException;

/** Finds the dialect for a JDBC URL. */
public final class Dialects {
    private static final List<SourceDialect> ALL = List.of(new TeradataDialect(), new PostgresDialect(), new H2Dialect());

    private static final Pattern SCHEME = Pattern.compile("(jdbc:)?[A-Za-z][A-Za-z0-9+.-]{0,30}:");

    private Dialects() {
    }

    /** The dialect serving {@code jdbcUrl}; a usage error naming only the URL's scheme (the rest may hold credentials). */
    public static SourceDialect forUrl(String jdbcUrl) {
        for (SourceDialect dialect : ALL) {
            if (dialect.accepts(jdbcUrl)) {
                return dialect;
            }
        }
        throw ReplicatorException.usage("Unsupported source URL scheme '" + scheme(jdbcUrl)
                + "': expected jdbc:teradata:, jdbc:postgresql: or jdbc:h2:");
    }

    /** {@code jdbc:sub:} or {@code scheme:} at the start of a URL; never more, since a URL may carry a user and password. */
    static String scheme(String jdbcUrl) {
        Matcher m = jdbcUrl == null ? null : SCHEME.matcher(jdbcUrl);
        return m != null && m.lookingAt() ? m.group() : "(none)";
    }
}
