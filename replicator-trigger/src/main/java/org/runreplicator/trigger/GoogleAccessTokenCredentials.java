package org.runreplicator.trigger;

import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A Google OAuth access token (cloud-platform scope) from Application Default Credentials: on Cloud
 * Functions, the function's service account. Composer's Airflow web server takes an access token,
 * not an ID token. The library refreshes the token before it expires.
 */
final class GoogleAccessTokenCredentials implements AirflowCredentials {
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private GoogleCredentials credentials;

    @Override
    public synchronized Optional<String> authorization() throws IOException {
        if (credentials == null) {
            credentials = GoogleCredentials.getApplicationDefault().createScoped(List.of(SCOPE));
        }
        credentials.refreshIfExpired();
        return Optional.of("Bearer " + credentials.getAccessToken().getTokenValue());
    }

    @Override
    public String describe() {
        return "a Google access token from Application Default Credentials";
    }
}
