package org.runreplicator.parquet;

import java.io.IOException;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} on a Hadoop {@link FileSystem}. On a checksummed file system (the
 * local one) it writes through the raw file system, so no {@code .crc} side files litter the
 * output; HDFS and GCS keep their own checksums and are used as they are.
 */
final class FileSystemOutputFile implements OutputFile {
    private static final int BUFFER_BYTES = 64 << 10;

    private final FileSystem fileSystem;
    private final Path path;

    FileSystemOutputFile(FileSystem fileSystem, Path path) {
        this.fileSystem = fileSystem;
        this.path = path;
    }

    /** The file system to write {@code directory}'s files with. */
    static FileSystem forWriting(FileSystem fileSystem) {
        return fileSystem instanceof ChecksumFileSystem ? ((ChecksumFileSystem) fileSystem).getRawFileSystem() : fileSystem;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return open(false, blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return open(true, blockSizeHint);
    }

    private PositionOutputStream open(boolean overwrite, long blockSizeHint) throws IOException {
        long blockSize = Math.max(blockSizeHint, fileSystem.getDefaultBlockSize(path));
        return HadoopStreams.wrap(fileSystem.create(path, overwrite, BUFFER_BYTES, fileSystem.getDefaultReplication(path), blockSize));
    }

    @Override
    public boolean supportsBlockSize() {
        return true;
    }

    @Override
    public long defaultBlockSize() {
        return fileSystem.getDefaultBlockSize(path);
    }

    @Override
    public String getPath() {
        return path.toString();
    }
}
