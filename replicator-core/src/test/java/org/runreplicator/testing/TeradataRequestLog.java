package org.runreplicator.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the Teradata stand-in ({@link TeradataH2Fixture}) that H2 cannot play: Teradata's
 * {@code LOCKING TABLE t FOR READ|ACCESS} request modifier. A hand-written JDBC driver for
 * {@code jdbc:teradata-h2:<h2 url>} (no Teradata server can run here) that records every request
 * each session sends, in order, with the lock it asked for and whether its transaction was open
 * (autocommit off), and every session's end; then hands H2 the request without the modifier.
 * It shows which locks a run asks for and how long it holds them, not what Teradata's lock
 * manager does with them.
 */
public final class TeradataRequestLog implements Driver {
    private static final String PREFIX = "jdbc:teradata-h2:";
    private static final Pattern LOCKING = Pattern.compile("^LOCKING TABLE (\\S+) FOR (READ|ACCESS) ", Pattern.DOTALL);
    private static final Set<String> WITH_SQL = Set.of("prepareStatement", "prepareCall", "execute", "executeQuery",
            "executeUpdate", "executeLargeUpdate", "addBatch");
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final List<Event> EVENTS = new ArrayList<>();

    static {
        try {
            DriverManager.registerDriver(new TeradataRequestLog());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * One request ({@code sql} as sent, {@code lock} the modifier's table and lock type or null) or,
     * with {@code sql} null, the end of session {@code session}. {@code inTransaction}: autocommit was off.
     */
    public record Event(long sequence, int session, String sql, String lock, boolean inTransaction) {
        public boolean isClose() {
            return sql == null;
        }
    }

    /** The URL that reaches the fixture's database through this driver. */
    public static String url(String h2Url) {
        return PREFIX + h2Url;
    }

    /** Everything recorded since the last {@link #clear}, in order. */
    public static List<Event> events() {
        synchronized (EVENTS) {
            return List.copyOf(EVENTS);
        }
    }

    public static void clear() {
        synchronized (EVENTS) {
            EVENTS.clear();
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Connection real = DriverManager.getConnection(url.substring(PREFIX.length()), info);
        int session = SESSIONS.incrementAndGet();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Recorder(session, real, real));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger(TeradataRequestLog.class.getName());
    }

    private static void record(int session, String sql, String lock, boolean inTransaction) {
        synchronized (EVENTS) {
            EVENTS.add(new Event(EVENTS.size(), session, sql, lock, inTransaction));
        }
    }

    /** Records and strips the modifier on a connection and on the statements it creates. */
    private static final class Recorder implements InvocationHandler {
        private final int session;
        private final Object target;
        private final Connection connection;

        Recorder(int session, Object target, Connection connection) {
            this.session = session;
            this.target = target;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (args != null && args.length > 0 && args[0] instanceof String && WITH_SQL.contains(method.getName())) {
                String sql = (String) args[0];
                Matcher locking = LOCKING.matcher(sql);
                String lock = locking.find() ? locking.group(1) + " FOR " + locking.group(2) : null;
                record(session, sql, lock, !connection.isClosed() && !connection.getAutoCommit());
                args[0] = lock == null ? sql : sql.substring(locking.end());
            }
            if (target == connection && method.getName().equals("close") && !connection.isClosed()) {
                record(session, null, null, false);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Statement && method.getName().equals("createStatement")) {
                return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                        new Recorder(session, result, connection));
            }
            return result;
        }
    }
}
