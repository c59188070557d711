package org.runreplicator.mapreduce;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.runreplicator.testing.MiniHdfs;

/**
 * One MiniMRYarnCluster per test JVM (a ResourceManager, one NodeManager and a history server),
 * over the shared MiniDFSCluster, stopped when the JVM exits. Containers get the JVM flags that
 * Hadoop 3.3 needs on JDK 17, and small heaps so eight maps fit two cores.
 */
final class MiniYarn {
    private static final String JDK17_OPENS = " --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED"
            + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED";
    private static MiniMRYarnCluster cluster;

    private MiniYarn() {
    }

    /** The cluster's client configuration: jobs submitted with it run on YARN and default to HDFS. */
    static synchronized Configuration conf() {
        if (cluster == null) {
            Configuration conf = MiniHdfs.conf();
            conf.set("yarn.timeline-service.enabled", "false");
            // Heartbeats every 100 ms instead of every second: containers are granted and launched sooner.
            conf.setInt("yarn.resourcemanager.nodemanagers.heartbeat-interval-ms", 100);
            conf.setInt("yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms", 100);
            conf.setInt("mapreduce.client.progressmonitor.pollinterval", 200);
            conf.setInt("yarn.nodemanager.resource.memory-mb", 8192);
            conf.setInt("yarn.nodemanager.resource.cpu-vcores", 16);
            conf.setInt("yarn.scheduler.minimum-allocation-mb", 256);
            conf.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
            conf.setBoolean("yarn.nodemanager.pmem-check-enabled", false);
            conf.setInt("yarn.app.mapreduce.am.resource.mb", 768);
            conf.set("yarn.app.mapreduce.am.command-opts", "-Xmx512m -XX:TieredStopAtLevel=1" + JDK17_OPENS);
            conf.setInt("mapreduce.map.memory.mb", 512);
            // Speculative attempts on a busy 2-core machine would make attempt counts vary; the test that wants one asks.
            conf.setBoolean("mapreduce.map.speculative", false);
            // Short-lived task JVMs start faster with the client compiler only.
            conf.set("mapreduce.map.java.opts", "-Xmx320m -XX:TieredStopAtLevel=1 -Duser.timezone=UTC" + JDK17_OPENS);
            cluster = new MiniMRYarnCluster("replicator-mr", 1);
            cluster.init(conf);
            cluster.start();
            MiniMRYarnCluster started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return new Configuration(cluster.getConfig());
    }

    /**
     * Hadoop's jars and theirs, as a cluster provides them to its containers: this JVM's test
     * classpath without this project's own classes, so a job's classes come from its job jar alone.
     */
    static String frameworkClasspath() {
        // Surefire and Failsafe start tests from a manifest-only jar; they name the real entries here.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            String name = new File(entry).getName();
            boolean ours = entry.endsWith("classes") || entry.contains("test-classes") || name.startsWith("replicator-");
            if (!entry.isBlank() && !ours && new File(entry).exists()) {
                kept.add(entry);
            }
        }
        return String.join(",", kept);
    }

    /**
     * Writes the cluster's client configuration into {@code dir} as a {@code HADOOP_CONF_DIR}, for a
     * job submitted from another JVM: containers get {@link #frameworkClasspath} rather than the
     * submitting JVM's own classpath, as on a real cluster. Returns that configuration.
     */
    static Configuration writeClientConf(java.nio.file.Path dir) throws IOException {
        Configuration client = conf();
        client.setBoolean("yarn.is.minicluster", false);
        client.set("mapreduce.application.classpath", frameworkClasspath());
        // Every *-site.xml: each is read after its *-default.xml, which would otherwise win (mapreduce.framework.name=local).
        for (String site : List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml", "mapred-site.xml")) {
            try (OutputStream out = Files.newOutputStream(dir.resolve(site))) {
                client.writeXml(out);
            }
        }
        return client;
    }

    /** Where the cluster keeps its logs and local directories (container logs among them). */
    static File testDir() {
        conf();
        return cluster.getTestWorkDir();
    }
}
