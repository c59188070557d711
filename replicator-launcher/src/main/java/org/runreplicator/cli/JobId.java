package org.runreplicator.cli;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;

/**
 * The job id a run records: {@code --job-id} when given; else the Dataproc job id, which
 * Dataproc puts in the YARN tags of the job it submits ({@code dataproc_job_<id>} in
 * {@code mapreduce.job.tags} or {@code spark.yarn.tags}); else a generated
 * {@code rr-<yyyyMMdd'T'HHmmss'Z'>-<8 hex>}.
 */
final class JobId {
    static final String DATAPROC_TAG_PREFIX = "dataproc_job_";
    static final String[] TAG_PROPERTIES = {"mapreduce.job.tags", "spark.yarn.tags"};

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Random RANDOM = new SecureRandom();

    private JobId() {
    }

    static String resolve(String given, Configuration conf, Clock clock) {
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        return fromDataprocTags(conf).orElseGet(() -> generate(clock));
    }

    static Optional<String> fromDataprocTags(Configuration conf) {
        for (String property : TAG_PROPERTIES) {
            for (String tag : conf.getTrimmedStrings(property)) {
                if (tag.startsWith(DATAPROC_TAG_PREFIX) && tag.length() > DATAPROC_TAG_PREFIX.length()) {
                    return Optional.of(tag.substring(DATAPROC_TAG_PREFIX.length()));
                }
            }
        }
        return Optional.empty();
    }

    static String generate(Clock clock) {
        return "rr-" + STAMP.format(clock.instant()) + "-" + String.format("%08x", RANDOM.nextInt());
    }
}
