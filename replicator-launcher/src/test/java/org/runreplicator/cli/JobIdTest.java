package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class JobIdTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T02:30:09Z"), ZoneOffset.UTC);

    private static Configuration conf(String key, String value) {
        Configuration conf = new Configuration(false);
        conf.set(key, value);
        return conf;
    }

    @Test
    void givenJobIdWins_evenWhenDataprocTagsArePresent() {
        assertThat(JobId.resolve("nightly-42", conf("mapreduce.job.tags", "dataproc_job_abc"), CLOCK)).isEqualTo("nightly-42");
    }

    @Test
    void dataprocJobIdIsFoundAmongMapReduceTags() {
        Configuration conf = conf("mapreduce.job.tags", "dataproc_hash_1a2b, dataproc_job_9f8e7d6c5b4a,dataproc_uuid_0000");

        assertThat(JobId.resolve(null, conf, CLOCK)).isEqualTo("9f8e7d6c5b4a");
    }

    @Test
    void dataprocJobIdIsFoundAmongSparkYarnTags() {
        assertThat(JobId.resolve("", conf("spark.yarn.tags", "dataproc_job_spark-job-1"), CLOCK)).isEqualTo("spark-job-1");
    }

    @Test
    void jobIdIsGenerated_whenThereIsNoDataprocTag() {
        String first = JobId.resolve(null, conf("mapreduce.job.tags", "other_tag,dataproc_job_"), CLOCK);
        String second = JobId.resolve(null, new Configuration(false), CLOCK);

        assertThat(first).matches("rr-20240501T023009Z-[0-9a-f]{8}");
        assertThat(second).matches("rr-20240501T023009Z-[0-9a-f]{8}").isNotEqualTo(first);
    }

    @Test
    void tagsGivenAsHadoopGenericOptionsReachTheRunOptions() {
        CopySettings settings = Replicator.resolve(
                Cli.copyArgs("run", "db", "t", "-Dmapreduce.job.tags=dataproc_job_from_dash_d"), Map.of(), CLOCK);

        assertThat(settings.runOptions().jobId()).isEqualTo("from_dash_d");
    }
}
