package org.runreplicator.testing;

import java.net.URI;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;

/**
 * A real store for one test: a fresh target URI on the local file system, a MiniDFSCluster or
 * fake-gcs-server (through the Cloud Storage connector), and the Hadoop configuration that
 * reaches it. Contract tests are written once against this and bound to each kind.
 */
public final class TestStore {
    private final String kind;
    private final URI target;
    private final Configuration conf;

    private TestStore(String kind, URI target, Configuration conf) {
        this.kind = kind;
        this.target = target;
        this.conf = conf;
    }

    /** A directory under {@code temp} on the local file system. */
    public static TestStore local(java.nio.file.Path temp) {
        return new TestStore("file", temp.resolve("target-" + shortId()).toUri(), new Configuration());
    }

    /** A fresh directory on the JVM's MiniDFSCluster. */
    public static TestStore hdfs() {
        return new TestStore("hdfs", URI.create(MiniHdfs.uri() + "/replica-" + shortId()), MiniHdfs.conf());
    }

    /** A given location on the JVM's MiniDFSCluster. */
    public static TestStore hdfsAt(URI target) {
        return new TestStore("hdfs", target, MiniHdfs.conf());
    }

    /** A fresh bucket on the JVM's fake-gcs-server, reached through the Cloud Storage connector. */
    public static TestStore gcs() {
        FakeGcsServer server = FakeGcsServer.shared();
        String bucket = "replica-" + shortId();
        server.createBucket(bucket);
        return new TestStore("gs", URI.create("gs://" + bucket + "/warehouse"), server.hadoopConf());
    }

    public String kind() {
        return kind;
    }

    public URI target() {
        return target;
    }

    /** A copy: tests may add to it. */
    public Configuration conf() {
        return new Configuration(conf);
    }

    @Override
    public String toString() {
        return kind;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
