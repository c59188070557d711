package org.runreplicator.split;

import org.runreplicator.source.UserPredicate;

/**
 * What the user asked for: the method, an optional split column (null lets the planner
 * choose), how many splits, and the user's {@code --where} filter (null for none), checked as
 * one predicate by {@link UserPredicate}.
 */
public final class SplitRequest {
    private final SplitMethod method;
    private final String splitBy;
    private final int splits;
    private final String userWhere;

    public SplitRequest(SplitMethod method, String splitBy, int splits, String userWhere) {
        this.method = method;
        this.splitBy = splitBy;
        this.splits = splits;
        this.userWhere = UserPredicate.check(userWhere);
    }

    public SplitMethod method() {
        return method;
    }

    public String splitBy() {
        return splitBy;
    }

    public int splits() {
        return splits;
    }

    public String userWhere() {
        return userWhere;
    }
}
