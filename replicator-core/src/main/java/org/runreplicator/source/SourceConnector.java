package org.runreplicator.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.runreplicator.ReplicatorException;
import org.runreplicator.Secret;

/**
 * Opens source connections with the dialect's defaults, the user's properties and credentials.
 * Failure messages name the server but never the URL's parameters or the password. Built where
 * the connections are opened: by the run for planning, by each split attempt for reading.
 */
public final class SourceConnector {
    /**
     * Scheme, an optional sub-protocol (H2's {@code tcp:}, {@code mem:}), then the part before any
     * parameters ({@code ?}, {@code ;}, {@code #}): server and database, or H2's path.
     */
    private static final Pattern URL_HEAD = Pattern.compile("^(jdbc:[a-z0-9]+:)([a-z0-9]+:)?([^?;#]*)", Pattern.CASE_INSENSITIVE);
    /** Teradata's parameters after the host ({@code /KEY=VALUE,...}) that name where, not who: the database and the port. */
    private static final Pattern TERADATA_PLACE = Pattern.compile("(?i)DATABASE|DBS_PORT");

    private final String url;
    private final SourceDialect dialect;
    private final Properties properties;
    private final String user;
    private final Secret password;

    /**
     * @param connectionProperties the user's driver properties, over the dialect's defaults
     * @param password the password, or null when the URL or the driver carries the credentials
     */
    public SourceConnector(String url, String user, Secret password, Properties connectionProperties, SourceDialect dialect) {
        this.url = url;
        this.dialect = dialect;
        this.user = user;
        this.password = password;
        this.properties = dialect.defaultConnectionProperties();
        this.properties.putAll(connectionProperties);
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password.reveal());
        }
    }

    /** A read-only session for metadata and planning. */
    public Connection open() {
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw connectFailure(e);
        }
        try {
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw ReplicatorException.source("Cannot make the session to " + describe() + " read-only: " + redact(e.getMessage()), e);
        }
    }

    /**
     * A session for reading a split of about {@code estimatedRows} rows: the dialect may prefer a
     * bulk-export session (Teradata FastExport) and fall back to a regular one.
     */
    public Connection openForSplit(long estimatedRows) throws SQLException {
        List<String> urls = dialect.readUrls(url, estimatedRows);
        SQLException last = null;
        for (String candidate : urls) {
            try {
                return DriverManager.getConnection(candidate, properties);
            } catch (SQLException e) {
                if (!dialect.fallsBackToSession(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    public ReplicatorException connectFailure(SQLException e) {
        return ReplicatorException.source("Cannot connect to " + describe() + (user == null ? "" : " as user " + user)
                + ": " + redact(e.getMessage()), e);
    }

    /** The URL's scheme, server, port and database only, never its credentials (see {@link #describe(String)}). */
    public String describe() {
        return redact(describe(url));
    }

    /**
     * The URL's scheme, server, port and database: {@code jdbc:postgresql://host:5432/db},
     * {@code jdbc:teradata://host/DATABASE=db}, {@code jdbc:h2:tcp://host/~/db}. Query and property
     * parameters are dropped, since they may carry a user or password ({@code ?password=},
     * {@code ;PASSWORD=}, Teradata's {@code PASSWORD=} and {@code LOGDATA=}); so is {@code user:password@}.
     */
    static String describe(String url) {
        Matcher m = URL_HEAD.matcher(url == null ? "" : url);
        if (!m.find()) {
            return "the source";
        }
        String scheme = m.group(1) + (m.group(2) == null ? "" : m.group(2));
        String place = m.group(3);
        if (!place.startsWith("//")) {
            // Oracle-like user/password@server: keep from the '@' on.
            return scheme + place.substring(Math.max(0, place.lastIndexOf('@')));
        }
        String server = place.substring(2);
        boolean teradata = scheme.equalsIgnoreCase("jdbc:teradata:");
        if (!teradata) {
            // user:password@ ends at the last '@', even when an unencoded '/' in the password hides it in the path.
            server = server.substring(server.lastIndexOf('@') + 1);
        }
        int slash = server.indexOf('/');
        String host = slash < 0 ? server : server.substring(0, slash);
        String path = slash < 0 ? "" : server.substring(slash);
        if (teradata) {
            // Teradata takes no user:password@, and its parameters (USER=bob@corp) may hold an '@'.
            host = host.substring(host.lastIndexOf('@') + 1);
            path = teradataPlace(path);
        }
        return scheme + "//" + host + path;
    }

    /** Of Teradata's {@code /KEY=VALUE,...} (values may be quoted, with commas inside), the database and port only. */
    private static String teradataPlace(String parameters) {
        StringBuilder kept = new StringBuilder();
        int start = 1;
        boolean quoted = false;
        for (int i = 1; i <= parameters.length(); i++) {
            char c = i < parameters.length() ? parameters.charAt(i) : ',';
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                String parameter = parameters.substring(start, i).trim();
                int equals = parameter.indexOf('=');
                if (equals > 0 && TERADATA_PLACE.matcher(parameter.substring(0, equals).trim()).matches()) {
                    kept.append(kept.length() == 0 ? "/" : ",").append(parameter);
                }
                start = i + 1;
            }
        }
        return kept.toString();
    }

    public String redact(String text) {
        if (text == null) {
            return "(no detail)";
        }
        return password != null && password.occursIn(text) ? text.replace(password.reveal(), "****") : text;
    }
}
