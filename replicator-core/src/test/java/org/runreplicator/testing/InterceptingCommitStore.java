package org.runreplicator.testing;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.runreplicator.commit.CommitStore;

/**
 * A real {@link CommitStore} whose every operation passes through {@link #intercept}, named as
 * {@code "move A -> B"}, {@code "createExclusive P"} and so on: the base of the stores tests use
 * to fail or stop a run at a chosen step.
 */
public abstract class InterceptingCommitStore implements CommitStore {
    private final CommitStore delegate;

    protected InterceptingCommitStore(CommitStore delegate) {
        this.delegate = delegate;
    }

    /** One store operation, to be run (or not) by {@link #intercept}. */
    protected interface Operation<T> {
        T run() throws IOException;
    }

    /** Runs {@code operation}, described by {@code description}, or fails or waits instead. */
    protected abstract <T> T intercept(String description, Operation<T> operation) throws IOException;

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
        return intercept("createExclusive " + path, () -> delegate.createExclusive(path, content));
    }

    @Override
    public void replace(Path path, byte[] content) throws IOException {
        intercept("replace " + path, () -> {
            delegate.replace(path, content);
            return null;
        });
    }

    @Override
    public Optional<byte[]> read(Path path) throws IOException {
        return intercept("read " + path, () -> delegate.read(path));
    }

    @Override
    public List<FileStatus> list(Path dir) throws IOException {
        return intercept("list " + dir, () -> delegate.list(dir));
    }

    @Override
    public void mkdirs(Path dir) throws IOException {
        intercept("mkdirs " + dir, () -> {
            delegate.mkdirs(dir);
            return null;
        });
    }

    @Override
    public void move(Path source, Path destination) throws IOException {
        intercept("move " + source + " -> " + destination, () -> {
            delegate.move(source, destination);
            return null;
        });
    }

    @Override
    public void delete(Path path) throws IOException {
        intercept("delete " + path, () -> {
            delegate.delete(path);
            return null;
        });
    }
}
