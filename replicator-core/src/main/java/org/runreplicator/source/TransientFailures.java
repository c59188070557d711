package org.runreplicator.source;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Named predicates over JDBC failures, deciding whether retrying a split can help. A split is
 * idempotent (its output is discarded before a retry), so any failure that a second attempt may
 * not meet is worth retrying; failures the user must fix (credentials, names, SQL) never are.
 */
public final class TransientFailures {
    private TransientFailures() {
    }

    /** Every throwable in the cause chains and {@link SQLException#getNextException()} chains, each once. */
    static List<Throwable> chain(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> pending = new ArrayList<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable t = pending.remove(pending.size() - 1);
            if (t == null || seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            all.add(t);
            pending.add(t.getCause());
            if (t instanceof SQLException) {
                pending.add(((SQLException) t).getNextException());
            }
        }
        return all;
    }

    private static boolean anySqlState(SQLException e, String prefix) {
        for (Throwable t : chain(e)) {
            if (t instanceof SQLException) {
                String state = ((SQLException) t).getSQLState();
                if (state != null && state.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** SQLState class 08: the connection could not be made or was lost. */
    public static boolean isConnectionFailure(SQLException e) {
        return anySqlState(e, "08");
    }

    /** SQLState 40001: the transaction lost a serialization conflict; running it again normally succeeds. */
    public static boolean isSerializationFailure(SQLException e) {
        return anySqlState(e, "40001");
    }

    /** SQLState 40P01 (PostgreSQL): chosen as a deadlock victim. */
    public static boolean isDeadlockVictim(SQLException e) {
        return anySqlState(e, "40P01");
    }

    /** SQLState 57P01..57P03 (PostgreSQL): the server is shutting down or starting up. */
    public static boolean isServerRestart(SQLException e) {
        return anySqlState(e, "57P01") || anySqlState(e, "57P02") || anySqlState(e, "57P03");
    }

    /** A socket error or timeout somewhere in the causes (includes connection refused). */
    public static boolean hasSocketCause(SQLException e) {
        for (Throwable t : chain(e)) {
            if (t instanceof SocketException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Drivers that wrap I/O errors in their own types still say "connection reset" or "broken pipe". */
    public static boolean saysConnectionReset(SQLException e) {
        for (Throwable t : chain(e)) {
            String message = t.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("connection reset") || lower.contains("broken pipe")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** SQLState class 28: wrong user or password. A retry would fail the same way (and may lock the account). */
    public static boolean isAuthFailure(SQLException e) {
        return anySqlState(e, "28");
    }

    /** SQLState class 42: syntax error, missing object or no privilege. Only the user can fix it. */
    public static boolean isSyntaxOrAccessFailure(SQLException e) {
        return anySqlState(e, "42");
    }

    /** Whether any SQLException in the chain carries one of the vendor error codes. */
    public static boolean hasErrorCode(SQLException e, int... codes) {
        for (Throwable t : chain(e)) {
            if (t instanceof SQLException) {
                int code = ((SQLException) t).getErrorCode();
                for (int c : codes) {
                    if (code == c) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The portable verdict: not a user error, and a connection, serialization, deadlock or restart failure. */
    public static boolean isTransient(SQLException e) {
        if (isAuthFailure(e) || isSyntaxOrAccessFailure(e)) {
            return false;
        }
        return isConnectionFailure(e) || isSerializationFailure(e) || isDeadlockVictim(e) || isServerRestart(e)
                || hasSocketCause(e) || saysConnectionReset(e);
    }
}
