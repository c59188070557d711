package org.runreplicator.commit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The operations the commit protocol needs from a store, with the guarantees it relies on.
 * Every store the protocol supports implements all of them; the one difference it may have is
 * {@link #movesDirectoriesAtomically()}. Implementations: {@link LocalCommitStore} (file://),
 * {@link HadoopCommitStore} in its directory-rename mode (hdfs://) and in its object-store mode
 * (gs://).
 *
 * <p>Contract, checked for every implementation by the store contract tests:
 * <ul>
 *   <li>{@link #createExclusive}: of any number of racing callers for one path, exactly one gets
 *       {@code true}; readers see the content whole or not at all. It never replaces.</li>
 *   <li>{@link #replace}: readers see the old content or the new, whole, never neither.</li>
 *   <li>{@link #move}: never replaces or merges into an existing destination (it fails); on a
 *       directory, only where {@link #movesDirectoriesAtomically()}, and then as one step.</li>
 *   <li>{@link #read} and {@link #list} see every completed write (stores here are strongly
 *       consistent); a missing path is an empty answer, not an error.</li>
 *   <li>Every failure is an {@link IOException} whose outcome the caller must treat as unknown:
 *       the operation may or may not have happened.</li>
 * </ul>
 */
public interface CommitStore {
    /** The file system that writers use for the files this store later moves. */
    FileSystem fileSystem();

    /** True where a directory moves in one atomic step (local file systems, HDFS); false on object stores. */
    boolean movesDirectoriesAtomically();

    /** Creates {@code path} holding {@code content} unless something exists there; returns whether this call created it. */
    boolean createExclusive(Path path, byte[] content) throws IOException;

    /** Writes {@code content} to {@code path}, replacing what is there in one step. */
    void replace(Path path, byte[] content) throws IOException;

    /** The file's content, or empty if it does not exist. */
    Optional<byte[]> read(Path path) throws IOException;

    /** The entries directly under {@code dir}, or none if it does not exist. */
    List<FileStatus> list(Path dir) throws IOException;

    /** Creates {@code dir} and its parents; fine if it exists. */
    void mkdirs(Path dir) throws IOException;

    /**
     * Moves a file (or, where atomic, a directory) to {@code destination}, which must not exist
     * and whose directory must (an object store would otherwise pay a request per file to check).
     */
    void move(Path source, Path destination) throws IOException;

    /** Deletes {@code path} and everything under it; fine if it does not exist. */
    void delete(Path path) throws IOException;

    /** The path in the store's fully qualified form, as readers and the metastore see it. */
    default Path qualify(Path path) {
        return fileSystem().makeQualified(path);
    }
}
