package org.runreplicator;

import java.util.Arrays;

/** A password or token. Its {@code toString} never reveals it, so it cannot leak into logs, messages or summaries. */
public final class Secret {
    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    /** The clear value, for handing to a driver. Never log or print it. */
    public String reveal() {
        return new String(value);
    }

    /** Whether {@code text} contains this secret (used by tests and by the error printer to refuse leaking it). */
    public boolean occursIn(String text) {
        return value.length > 0 && text != null && text.contains(new String(value));
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && Arrays.equals(((Secret) o).value, value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }
}
