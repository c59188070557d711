package org.runreplicator.commit;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * A store reached through a Hadoop {@link FileSystem}, in one of two modes.
 *
 * <p><b>Directory-rename mode</b> (HDFS): a rename is one atomic NameNode operation that fails on
 * an existing destination, so small files are written aside and renamed into place (whole and
 * exclusive), replaced with {@code rename(OVERWRITE)}, and a directory moves in one step.
 *
 * <p><b>Object-store mode</b> (gs://, through the Cloud Storage connector): an object appears
 * whole when its upload completes, and the connector conditions every upload on the generation it
 * saw at {@code create()}: {@code ifGenerationMatch=0} for {@code create(overwrite=false)}, so of
 * racing creators the first to finish wins and the others fail with 412. A file move is a
 * server-side copy and delete; a directory move is not atomic and is never asked for.
 */
public final class HadoopCommitStore implements CommitStore {
    private static final int READ_ATTEMPTS = 5;
    private final FileSystem fs;
    private final boolean atomicDirectoryRename;

    private HadoopCommitStore(FileSystem fs, boolean atomicDirectoryRename) {
        this.fs = fs;
        this.atomicDirectoryRename = atomicDirectoryRename;
    }

    /** HDFS and other file systems whose rename is atomic and never replaces. */
    public static HadoopCommitStore directoryRename(FileSystem fs) {
        return new HadoopCommitStore(fs, true);
    }

    /** Object stores with atomic create-if-absent uploads and no directory rename (gs://). */
    public static HadoopCommitStore objectStore(FileSystem fs) {
        return new HadoopCommitStore(fs, false);
    }

    @Override
    public FileSystem fileSystem() {
        return fs;
    }

    @Override
    public boolean movesDirectoriesAtomically() {
        return atomicDirectoryRename;
    }

    @Override
    public boolean createExclusive(Path path, byte[] content) throws IOException {
        if (atomicDirectoryRename) {
            Path temp = writeTemp(path, content);
            try {
                context().rename(temp, path);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                fs.delete(temp, false);
            }
        }
        try {
            try (OutputStream out = fs.create(path, false)) {
                out.write(content);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // A lost race surfaces as 412 when the upload completes; anything else is unknown.
            Optional<byte[]> there = read(path);
            if (there.isPresent()) {
                return Arrays.equals(there.get(), content);
            }
            throw e;
        }
    }

    @Override
    public void replace(Path path, byte[] content) throws IOException {
        if (atomicDirectoryRename) {
            Path temp = writeTemp(path, content);
            try {
                context().rename(temp, path, Options.Rename.OVERWRITE);
            } finally {
                fs.delete(temp, false);
            }
            return;
        }
        try (OutputStream out = fs.create(path, true)) {
            out.write(content);
        }
    }

    /**
     * The Cloud Storage connector pins a read to the generation it saw when opening, so an object
     * replaced in between reads as not found although it never was: such a read is tried again.
     */
    @Override
    public Optional<byte[]> read(Path path) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (InputStream in = fs.open(path)) {
                return Optional.of(in.readAllBytes());
            } catch (FileNotFoundException e) {
                if (attempt == READ_ATTEMPTS || !fs.exists(path)) {
                    return Optional.empty();
                }
            }
        }
    }

    @Override
    public List<FileStatus> list(Path dir) throws IOException {
        return listOrEmpty(fs, dir);
    }

    /** {@code dir}'s entries through any Hadoop file system, none if it does not exist. */
    static List<FileStatus> listOrEmpty(FileSystem fs, Path dir) throws IOException {
        try {
            return Arrays.asList(fs.listStatus(dir));
        } catch (FileNotFoundException e) {
            return List.of();
        }
    }

    @Override
    public void mkdirs(Path dir) throws IOException {
        if (!fs.mkdirs(dir)) {
            throw new IOException("Cannot create directory " + dir);
        }
    }

    /**
     * On an object store each request is a round trip, so a file move is one status check (a
     * directory is refused) and the connector's rename, which itself refuses an existing
     * destination; the caller creates the destination directory once for all its files.
     */
    @Override
    public void move(Path source, Path destination) throws IOException {
        if (atomicDirectoryRename) {
            mkdirs(destination.getParent());
            context().rename(source, destination);
            return;
        }
        if (fs.getFileStatus(source).isDirectory()) {
            throw new IOException("Cannot move directory " + source + ": " + fs.getScheme() + ":// has no atomic directory rename");
        }
        if (!fs.rename(source, destination)) {
            throw new FileAlreadyExistsException("Cannot move " + source + " to " + destination
                    + ": the store refused the rename (the destination exists, or its directory does not)");
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        fs.delete(path, true);
    }

    private Path writeTemp(Path path, byte[] content) throws IOException {
        Path temp = new Path(path.getParent(), "." + path.getName() + "." + UUID.randomUUID() + ".tmp");
        try (OutputStream out = fs.create(temp, false)) {
            out.write(content);
        }
        return temp;
    }

    private FileContext context() throws IOException {
        return FileContext.getFileContext(fs.getUri(), fs.getConf());
    }
}
