package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Driver;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The job jar as a cluster runs it: the shaded jar plus the Hadoop client jars the cluster provides, in a fresh JVM. */
class ShadedJarIT {
    private static JobJar.Outcome replicator(String... args) throws IOException, InterruptedException {
        return JobJar.run(List.of(), Map.of(), Duration.ofSeconds(60), args);
    }

    @Test
    void helpRunsFromTheShadedJar() throws Exception {
        JobJar.Outcome result = replicator("run", "--help");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Usage: replicator run").contains("--source-password-file");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void usageErrorIsOneLineAndStatus2_andVerboseDetailGoesThroughTheBundledLogback() throws Exception {
        JobJar.Outcome quiet = replicator("run", "db", "t", "--source-url", "jdbc:h2:mem:x", "--target", "file:///out", "--engine", "mapreduce");
        JobJar.Outcome verbose = replicator("run", "db", "t", "--source-url", "jdbc:h2:mem:x", "--target", "file:///out", "--engine", "mapreduce",
                "--verbose");

        assertThat(quiet.exitCode()).isEqualTo(2);
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err().lines()).containsExactly("replicator: --engine mapreduce is not available in this build: use --engine local");
        assertThat(verbose.exitCode()).isEqualTo(2);
        assertThat(verbose.err()).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG Replicator: Failure detail:")
                .doesNotContain("SLF4J");
    }

    @Test
    void jdbcDriversAndLoggingConfigurationLoadFromTheShadedJar() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : JobJar.classpath().split(File.pathSeparator)) {
            urls.add(Paths.get(entry).toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            List<String> drivers = new ArrayList<>();
            for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
                drivers.add(driver.getClass().getName());
            }
            assertThat(drivers).contains("org.h2.Driver", "org.postgresql.Driver", "com.teradata.jdbc.TeraDriver");
            assertThat(new String(loader.getResourceAsStream("logback.xml").readAllBytes(), StandardCharsets.UTF_8))
                    .contains("<logger name=\"org.runreplicator\" level=\"INFO\"/>");
            assertThat(loader.loadClass("org.runreplicator.shaded.parquet.hadoop.ParquetWriter")).isNotNull();
        }
    }
}
