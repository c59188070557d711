package org.runreplicator.cli;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;

/**
 * The job id a run records: {@code --job-id} when given; else the Dataproc job id, which
 * Dataproc puts in the YARN tags of the job it submits ({@code dataproc_job_<id>} in
 * {@code mapreduce.job.tags} or {@code spark.yarn.tags}), read from the Hadoop configuration
 * (which {@code -D} and the cluster's files feed) and then from the JVM's system properties
 * (where a Spark driver or {@code java -D} puts them); else a generated
 * {@code rr-<yyyyMMdd'T'HHmmss'Z'>-<8 hex>}.
 */
final class JobId {
    static final String DATAPROC_TAG_PREFIX = "dataproc_job_";
    static final String[] TAG_PROPERTIES = {"mapreduce.job.tags", "spark.yarn.tags"};

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Random RANDOM = new SecureRandom();

    private final String value;
    private final String origin;

    private JobId(String value, String origin) {
        this.value = value;
        this.origin = origin;
    }

    /** The job id. */
    String value() {
        return value;
    }

    /** Where it came from, for the log: {@code --job-id}, the tag property, or {@code generated}. */
    String origin() {
        return origin;
    }

    static JobId resolve(String given, Configuration conf, Properties systemProperties, Clock clock) {
        if (given != null && !given.isBlank()) {
            return new JobId(given.trim(), "--job-id");
        }
        for (String property : TAG_PROPERTIES) {
            Optional<String> fromConf = fromTags(conf.getTrimmedStrings(property));
            if (fromConf.isPresent()) {
                return new JobId(fromConf.get(), "Dataproc YARN tag in " + property);
            }
        }
        for (String property : TAG_PROPERTIES) {
            String tags = systemProperties.getProperty(property);
            Optional<String> fromSystem = tags == null ? Optional.empty() : fromTags(tags.split(","));
            if (fromSystem.isPresent()) {
                return new JobId(fromSystem.get(), "Dataproc YARN tag in system property " + property);
            }
        }
        return new JobId(generate(clock), "generated");
    }

    private static Optional<String> fromTags(String[] tags) {
        for (String raw : tags) {
            String tag = raw.trim();
            if (tag.startsWith(DATAPROC_TAG_PREFIX) && tag.length() > DATAPROC_TAG_PREFIX.length()) {
                return Optional.of(tag.substring(DATAPROC_TAG_PREFIX.length()));
            }
        }
        return Optional.empty();
    }

    static String generate(Clock clock) {
        return "rr-" + STAMP.format(clock.instant()) + "-" + String.format("%08x", RANDOM.nextInt());
    }
}
