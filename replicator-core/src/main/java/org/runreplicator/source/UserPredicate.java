package org.runreplicator.source;

import org.runreplicator.ReplicatorException;

/**
 * The one SQL predicate a user may pass with {@code --where}. It is pasted into every statement
 * the run sends (always inside parentheses), so it is checked before any of them: outside string
 * literals ({@code '...'}) and quoted identifiers ({@code "..."}), it may not end a statement
 * ({@code ;}), open a comment ({@code --}, {@code /*}) or close more parentheses than it opened
 * (which would let an {@code OR} escape the split's own predicate), and its quotes and
 * parentheses must balance. Together with read-only sessions this keeps a run from changing the
 * source; what the predicate calls (functions) is still the operator's responsibility.
 */
public final class UserPredicate {
    private UserPredicate() {
    }

    /** {@code predicate} trimmed, or null for none; a usage error naming what is wrong otherwise. */
    public static String check(String predicate) {
        if (predicate == null || predicate.isBlank()) {
            return null;
        }
        String text = predicate.trim();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = closingQuote(text, i, c);
            } else if (c == ';') {
                throw refused(text, "it ends a statement (';'): --where takes one predicate, not statements");
            } else if (text.startsWith("--", i) || text.startsWith("/*", i) || text.startsWith("*/", i)) {
                throw refused(text, "it contains a comment ('" + text.substring(i, i + 2) + "')");
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                throw refused(text, "it closes a parenthesis it did not open, which would take it outside its own condition");
            }
        }
        if (depth > 0) {
            throw refused(text, "it leaves " + depth + " parenthesis(es) open");
        }
        return text;
    }

    private static int closingQuote(String text, int open, char quote) {
        for (int i = open + 1; i < text.length(); i++) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i++; // a doubled quote stands for itself
                } else {
                    return i;
                }
            }
        }
        throw refused(text, "its " + (quote == '\'' ? "string literal" : "quoted identifier") + " starting at character "
                + (open + 1) + " is never closed");
    }

    private static ReplicatorException refused(String predicate, String why) {
        String shown = predicate.length() > 80 ? predicate.substring(0, 77) + "..." : predicate;
        return ReplicatorException.usage("Invalid --where '" + shown + "': " + why);
    }
}
