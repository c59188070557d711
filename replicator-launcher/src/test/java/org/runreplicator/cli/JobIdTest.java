package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class JobIdTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T02:30:09Z"), ZoneOffset.UTC);

    private static final Properties NO_PROPERTIES = new Properties();

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }

    private static Configuration conf(String key, String value) {
        Configuration conf = new Configuration(false);
        conf.set(key, value);
        return conf;
    }

    @Test
    void givenJobIdWins_evenWhenDataprocTagsArePresent() {
        assertThat(JobId.resolve("nightly-42", conf("mapreduce.job.tags", "dataproc_job_abc"), NO_PROPERTIES, CLOCK).value()).isEqualTo("nightly-42");
    }

    @Test
    void dataprocJobIdIsFoundAmongMapReduceTags() {
        Configuration conf = conf("mapreduce.job.tags", "dataproc_hash_1a2b, dataproc_job_9f8e7d6c5b4a,dataproc_uuid_0000");

        assertThat(JobId.resolve(null, conf, NO_PROPERTIES, CLOCK).value()).isEqualTo("9f8e7d6c5b4a");
    }

    @Test
    void dataprocJobIdIsFoundAmongSparkYarnTags() {
        assertThat(JobId.resolve("", conf("spark.yarn.tags", "dataproc_job_spark-job-1"), NO_PROPERTIES, CLOCK).value()).isEqualTo("spark-job-1");
    }

    @Test
    void jobIdIsGenerated_whenThereIsNoDataprocTag() {
        String first = JobId.resolve(null, conf("mapreduce.job.tags", "other_tag,dataproc_job_"), NO_PROPERTIES, CLOCK).value();
        String second = JobId.resolve(null, new Configuration(false), NO_PROPERTIES, CLOCK).value();

        assertThat(first).matches("rr-20240501T023009Z-[0-9a-f]{8}");
        assertThat(second).matches("rr-20240501T023009Z-[0-9a-f]{8}").isNotEqualTo(first);
    }

    @Test
    void dataprocJobIdIsFoundInSystemProperties_whenTheHadoopConfigurationHasNoTag() {
        JobId fromSpark = JobId.resolve(null, new Configuration(false),
                properties("spark.yarn.tags", "dataproc_hash_77,dataproc_job_from-spark-driver"), CLOCK);
        JobId fromMapReduce = JobId.resolve(null, new Configuration(false),
                properties("mapreduce.job.tags", " dataproc_job_from_java_d "), CLOCK);

        assertThat(fromSpark.value()).isEqualTo("from-spark-driver");
        assertThat(fromSpark.origin()).isEqualTo("Dataproc YARN tag in system property spark.yarn.tags");
        assertThat(fromMapReduce.value()).isEqualTo("from_java_d");
    }

    @Test
    void theHadoopConfigurationWinsOverSystemProperties_andTheJobIdOptionOverBoth() {
        Configuration conf = conf("mapreduce.job.tags", "dataproc_job_in_conf");
        Properties system = properties("spark.yarn.tags", "dataproc_job_in_system");

        assertThat(JobId.resolve(null, conf, system, CLOCK).value()).isEqualTo("in_conf");
        assertThat(JobId.resolve(null, conf, system, CLOCK).origin()).isEqualTo("Dataproc YARN tag in mapreduce.job.tags");
        assertThat(JobId.resolve("given", conf, system, CLOCK).origin()).isEqualTo("--job-id");
        assertThat(JobId.resolve(null, new Configuration(false), NO_PROPERTIES, CLOCK).origin()).isEqualTo("generated");
    }

    @Test
    void tagsGivenAsHadoopGenericOptionsReachTheRunOptions() {
        CopySettings settings = Replicator.resolve(
                Cli.copyArgs("run", "db", "t", "-Dmapreduce.job.tags=dataproc_job_from_dash_d"), Map.of(), CLOCK);

        assertThat(settings.runOptions().jobId()).isEqualTo("from_dash_d");
    }
}
