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
    private static final Pattern URL_HEAD = Pattern.compile("^(jdbc:[a-z0-9]+:(?://[^/;?,]*|[^;?,]*))");

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

    /** The URL's scheme and server only: parameters may carry credentials. */
    public String describe() {
        Matcher m = URL_HEAD.matcher(url);
        return m.find() ? m.group(1) : "the source";
    }

    public String redact(String text) {
        if (text == null) {
            return "(no detail)";
        }
        return password != null && password.occursIn(text) ? text.replace(password.reveal(), "****") : text;
    }
}
