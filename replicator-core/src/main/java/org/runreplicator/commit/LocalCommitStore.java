package org.runreplicator.commit;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * file:// through the operating system's own atomic calls. Hadoop's local file system is not
 * enough here: its {@code create(overwrite=false)} checks, then creates (two racing creators
 * both win), and its {@code rename} onto an existing directory falls back to copying the source
 * into it. This store uses {@code link(2)} to create exclusively and {@code rename(2)} to move
 * and replace, both atomic on POSIX file systems.
 */
public final class LocalCommitStore implements CommitStore {
    private final RawLocalFileSystem fs;

    /** @param fs the raw local file system (no checksum side files) */
    public LocalCommitStore(RawLocalFileSystem fs) {
        this.fs = fs;
    }

    @Override
    public FileSystem fileSystem() {
        return fs;
    }

    @Override
    public boolean movesDirectoriesAtomically() {
        return true;
    }

    @Override
    public boolean createExclusive(Path path, byte[] content) throws IOException {
        java.nio.file.Path target = local(path);
        java.nio.file.Path temp = writeTemp(target, content);
        try {
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void replace(Path path, byte[] content) throws IOException {
        java.nio.file.Path target = local(path);
        java.nio.file.Path temp = writeTemp(target, content);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<byte[]> read(Path path) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(local(path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<FileStatus> list(Path dir) throws IOException {
        return HadoopCommitStore.listOrEmpty(fs, dir);
    }

    @Override
    public void mkdirs(Path dir) throws IOException {
        Files.createDirectories(local(dir));
    }

    /** rename(2) replaces an existing file or empty directory, so the destination is checked first; destinations are unique to the run that moves into them. */
    @Override
    public void move(Path source, Path destination) throws IOException {
        java.nio.file.Path target = local(destination);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "cannot move " + source + " over it");
        }
        Files.createDirectories(target.getParent());
        Files.move(local(source), target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(Path path) throws IOException {
        fs.delete(path, true);
    }

    private static java.nio.file.Path writeTemp(java.nio.file.Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        java.nio.file.Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.write(temp, content);
        return temp;
    }

    private java.nio.file.Path local(Path path) {
        return Paths.get(fs.makeQualified(path).toUri());
    }
}
