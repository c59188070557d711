package org.runreplicator.ledger.jdbc;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials users write inside JDBC URLs: {@code password=...} as a query or property
 * ({@code ?user=u&password=p}, {@code ;password=p}, Teradata's {@code ,PASSWORD=p}) and
 * {@code //user:password@host}. A URL is masked before it is printed anywhere.
 */
public final class JdbcUrls {
    public static final String MASK = "****";
    private static final Pattern PASSWORD_PROPERTY = Pattern.compile("(?i)([?&;,/:]password=)([^&;,]*)");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?;]+:)([^/]*)(@)");

    private JdbcUrls() {
    }

    /** {@code url} with every password replaced by {@value #MASK}. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = PASSWORD_PROPERTY.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return USER_INFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
    }

    /** The password written inside {@code url}, if any (the first one), so it can be registered as a secret. */
    public static Optional<String> password(String url) {
        Matcher property = PASSWORD_PROPERTY.matcher(url);
        if (property.find() && !property.group(2).isEmpty()) {
            return Optional.of(property.group(2));
        }
        Matcher userInfo = USER_INFO.matcher(url);
        if (userInfo.find() && !userInfo.group(2).isEmpty()) {
            return Optional.of(userInfo.group(2));
        }
        return Optional.empty();
    }
}
