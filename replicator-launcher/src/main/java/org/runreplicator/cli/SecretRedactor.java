package org.runreplicator.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.runreplicator.Secret;

/**
 * Knows the secrets of one invocation and blanks them out of any text about to be printed or
 * logged, because a driver or a user-supplied value may echo a password back in an error.
 */
final class SecretRedactor {
    static final String MASK = "****";

    private final List<Secret> secrets = new CopyOnWriteArrayList<>();

    void register(Secret secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
        }
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Secret secret : secrets) {
            if (secret.occursIn(result)) {
                result = result.replace(secret.reveal(), MASK);
            }
        }
        return result;
    }
}
