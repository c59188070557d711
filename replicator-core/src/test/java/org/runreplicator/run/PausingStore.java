package org.runreplicator.run;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Pattern;
import org.runreplicator.commit.CommitStore;
import org.runreplicator.testing.InterceptingCommitStore;

/**
 * A real store that stops the process for good before the first operation matching a pattern,
 * after creating a marker file, so a test can kill the process at exactly that step.
 */
final class PausingStore extends InterceptingCommitStore {
    private final Pattern pauseBefore;
    private final java.nio.file.Path marker;

    PausingStore(CommitStore delegate, Pattern pauseBefore, java.nio.file.Path marker) {
        super(delegate);
        this.pauseBefore = pauseBefore;
        this.marker = marker;
    }

    @Override
    protected <T> T intercept(String operation, Operation<T> run) throws IOException {
        if (pauseBefore.matcher(operation).find() && !Thread.currentThread().getName().startsWith("lease-renewer")) {
            Files.writeString(marker, operation);
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while paused before " + operation, e);
            }
        }
        return run.run();
    }
}
