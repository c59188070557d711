package org.runreplicator.testing;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Where bin/lib/go-tools.sh caches the Go stand-ins it builds (outside the clone). */
final class GoTools {
    private GoTools() {
    }

    static Path cached(String directory, String binary) {
        return cacheRoot().resolve("go").resolve(directory).resolve(binary);
    }

    private static Path cacheRoot() {
        String explicit = System.getenv("RUN_REPLICATOR_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Paths.get(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("run-replicator");
    }
}
