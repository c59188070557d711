package org.runreplicator.run;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.runreplicator.commit.CommitStore;

/**
 * A real store that stops the process for good before the first operation matching a pattern,
 * after creating a marker file, so a test can kill the process at exactly that step.
 */
final class PausingStore implements CommitStore {
    private final CommitStore delegate;
    private final Pattern pauseBefore;
    private final java.nio.file.Path marker;

    PausingStore(CommitStore delegate, Pattern pauseBefore, java.nio.file.Path marker) {
        this.delegate = delegate;
        this.pauseBefore = pauseBefore;
        this.marker = marker;
    }

    private void maybePause(String operation) throws IOException {
        if (pauseBefore.matcher(operation).find() && !Thread.currentThread().getName().startsWith("lease-renewer")) {
            Files.writeString(marker, operation);
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while paused before " + operation, e);
            }
        }
    }

    @Override
    public FileSystem fileSystem() {
        return delegate.fileSystem();
    }

    @Override
    public boolean movesDirectoriesAtomically() {
        return delegate.movesDirectoriesAtomically();
    }

    @Override
    public Path qualify(Path path) {
        return delegate.qualify(path);
    }

    @Override
    public boolean createExclusive(Path path, byte[] content) throws IOException {
        maybePause("createExclusive " + path);
        return delegate.createExclusive(path, content);
    }

    @Override
    public void replace(Path path, byte[] content) throws IOException {
        maybePause("replace " + path);
        delegate.replace(path, content);
    }

    @Override
    public Optional<byte[]> read(Path path) throws IOException {
        maybePause("read " + path);
        return delegate.read(path);
    }

    @Override
    public List<FileStatus> list(Path dir) throws IOException {
        maybePause("list " + dir);
        return delegate.list(dir);
    }

    @Override
    public void mkdirs(Path dir) throws IOException {
        maybePause("mkdirs " + dir);
        delegate.mkdirs(dir);
    }

    @Override
    public void move(Path source, Path destination) throws IOException {
        maybePause("move " + source + " -> " + destination);
        delegate.move(source, destination);
    }

    @Override
    public void delete(Path path) throws IOException {
        maybePause("delete " + path);
        delegate.delete(path);
    }
}
