package org.runreplicator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;

class UserPredicateTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "id <= 1000",
        "note = 'a;b -- c /* d */ e'",
        "note = 'it''s (open'",
        "\"odd;name\" IS NOT NULL",
        "(a = 1 OR b = 2) AND (c IN (1, 2, 3))",
        "ts >= TIMESTAMP '2024-05-01 00:00:00'",
        "amount / 2 > 3",
        "x - 1 > 0"})
    void aSinglePredicateIsAccepted_literalsAndQuotedNamesMaySayAnything(String predicate) {
        assertThat(UserPredicate.check("  " + predicate + " ")).isEqualTo(predicate);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1=1; DROP TABLE s.victim                 | ends a statement",
        "true); drop table s.victim; --           | closes a parenthesis it did not open",
        "id = 1; --                               | ends a statement",
        "id = 1 -- AND hidden = 1                 | contains a comment ('--')",
        "id = 1 /* note */                        | contains a comment ('/*')",
        "id = 1 */                                | contains a comment ('*/')",
        "id = 1) OR (1 = 1                        | closes a parenthesis it did not open",
        "(id = 1                                  | leaves 1 parenthesis(es) open",
        "note = 'unterminated                     | string literal starting at character 8 is never closed",
        "\"unterminated = 1                       | quoted identifier starting at character 1 is never closed",
        "'x' = 'x'; DELETE FROM s.victim          | ends a statement"})
    void statementsCommentsAndEscapesAreRefusedAsUsageErrors(String predicate, String why) {
        assertThatThrownBy(() -> UserPredicate.check(predicate))
                .isInstanceOf(ReplicatorException.class)
                .hasMessageStartingWith("Invalid --where '")
                .hasMessageContaining(why)
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.USAGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankMeansNoPredicate(String predicate) {
        assertThat(UserPredicate.check(predicate)).isNull();
    }
}
