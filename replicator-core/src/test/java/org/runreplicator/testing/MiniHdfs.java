package org.runreplicator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** One MiniDFSCluster per test JVM (a NameNode and a DataNode on loopback), shut down when the JVM exits. */
public final class MiniHdfs {
    private static MiniDFSCluster cluster;

    private MiniHdfs() {
    }

    /** The cluster's file system URI, {@code hdfs://127.0.0.1:PORT}; starts the cluster on first use. */
    public static synchronized URI uri() {
        if (cluster == null) {
            try {
                Configuration conf = new Configuration();
                conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, Files.createTempDirectory("minidfs").toString());
                conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
                conf.set("dfs.namenode.http-address", "127.0.0.1:0");
                conf.set("dfs.datanode.address", "127.0.0.1:0");
                conf.set("dfs.datanode.http.address", "127.0.0.1:0");
                conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
                cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
                cluster.waitActive();
                MiniDFSCluster started = cluster;
                Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start a MiniDFSCluster", e);
            }
        }
        return cluster.getURI();
    }

    public static Configuration conf() {
        uri();
        return new Configuration(cluster.getConfiguration(0));
    }

    public static FileSystem fileSystem() {
        try {
            return FileSystem.get(uri(), conf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
