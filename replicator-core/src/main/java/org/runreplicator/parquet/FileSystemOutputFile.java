package org.runreplicator.parquet;

import java.io.IOException;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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
        return new ClosingStream(fileSystem.create(path, overwrite, BUFFER_BYTES, fileSystem.getDefaultReplication(path), blockSize));
    }

    /**
     * Parquet's own Hadoop stream calls {@code hflush()} before closing. On Cloud Storage the
     * connector turns that into finishing the object, composing a temporary object onto it and
     * deleting that: three extra objects and a server-side rewrite per file, for nothing, since
     * the file is closed right after. This stream only closes.
     */
    private static final class ClosingStream extends PositionOutputStream {
        private final FSDataOutputStream out;

        ClosingStream(FSDataOutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return out.getPos();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
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
