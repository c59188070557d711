package org.runreplicator.cli;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.runreplicator.ReplicatorException;
import org.runreplicator.metastore.MetastoreOptions;
import org.runreplicator.metastore.SchemaChangePolicy;

/**
 * Resolves where a run registers its partition, once, at the edge: {@code --metastore
 * thrift://HOST:PORT[,thrift://...]}, {@code none}, or (the default, {@code hive-site}) the
 * {@code hive.metastore.uris} of the {@code hive-site.xml} on the classpath or in
 * {@code $HIVE_CONF_DIR}, which a Dataproc cluster attached to a Dataproc Metastore provides.
 * Client settings come from that file and then from {@code -D hive.metastore.*} / {@code -D
 * metastore.*}, which win; the timeouts among them become typed bounds.
 */
final class MetastoreSettings {
    static final String NONE = "none";
    static final String HIVE_SITE = "hive-site";
    static final String HIVE_SITE_FILE = "hive-site.xml";
    static final String HIVE_CONF_DIR = "HIVE_CONF_DIR";

    // Hive's own names (and their metastore.* spellings); values as Hive writes them: 600s, 1000ms, 600.
    static final String URIS = "hive.metastore.uris";
    static final String SOCKET_TIMEOUT = "hive.metastore.client.socket.timeout";
    static final String CONNECT_RETRIES = "hive.metastore.connect.retries";
    static final String FAILURE_RETRIES = "hive.metastore.failure.retries";
    static final String RETRY_DELAY = "hive.metastore.client.connect.retry.delay";

    private static final Pattern THRIFT_LIST = Pattern.compile("thrift://[^/:\\s,]+:\\d{1,5}(,thrift://[^/:\\s,]+:\\d{1,5})*");
    private static final Pattern TIME = Pattern.compile("(\\d{1,9})\\s*(ms|s|sec|m|min)?");

    private MetastoreSettings() {
    }

    /** The metastore to register in, or empty for none. Usage errors name the option or file and the value. */
    static Optional<MetastoreOptions> resolve(String metastore, String schemaChange, Map<String, String> hadoopProperties,
            Map<String, String> env, ClassLoader classLoader) {
        SchemaChangePolicy policy = SchemaChangePolicy.parse(schemaChange);
        String value = metastore == null ? HIVE_SITE : metastore.trim();
        Configuration settings = new Configuration(false);
        if (NONE.equals(value)) {
            return Optional.empty();
        }
        if (HIVE_SITE.equals(value)) {
            Optional<URL> hiveSite = hiveSite(env, classLoader);
            if (hiveSite.isEmpty()) {
                return Optional.empty();
            }
            settings.addResource(hiveSite.get());
            settings.setQuietMode(false);
            if (settings.getTrimmed(URIS, settings.getTrimmed("metastore.thrift.uris", "")).isEmpty()) {
                return Optional.empty();
            }
        } else if (!THRIFT_LIST.matcher(value).matches()) {
            throw ReplicatorException.usage("Invalid --metastore '" + metastore + "': expected thrift://HOST:PORT[,thrift://HOST:PORT...],"
                    + " hive-site or none");
        } else {
            settings.set(URIS, value);
        }
        hadoopProperties.forEach((k, v) -> {
            if (isClientKey(k)) {
                settings.set(k, v);
            }
        });
        return Optional.of(options(settings, value, policy));
    }

    /** The hive-site.xml a run would read: the classpath's, else {@code $HIVE_CONF_DIR}'s. */
    static Optional<URL> hiveSite(Map<String, String> env, ClassLoader classLoader) {
        URL onClasspath = classLoader.getResource(HIVE_SITE_FILE);
        if (onClasspath != null) {
            return Optional.of(onClasspath);
        }
        String dir = env.get(HIVE_CONF_DIR);
        if (dir != null && !dir.isBlank()) {
            Path file = Paths.get(dir, HIVE_SITE_FILE);
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.of(file.toUri().toURL());
                } catch (java.net.MalformedURLException e) {
                    throw ReplicatorException.usage("Cannot read " + file + ": " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    private static MetastoreOptions options(Configuration settings, String origin, SchemaChangePolicy policy) {
        MetastoreOptions.Builder b = MetastoreOptions.builder().schemaChange(policy);
        String uris = first(settings, URIS, "metastore.thrift.uris");
        List<URI> list = new ArrayList<>();
        for (String uri : uris.split(",")) {
            if (!uri.isBlank()) {
                list.add(uri(uri.trim(), origin));
            }
        }
        b.uris(list);
        String timeout = first(settings, SOCKET_TIMEOUT, "metastore.client.socket.timeout");
        if (timeout != null) {
            b.callTimeout(duration(timeout, SOCKET_TIMEOUT, "s"));
        }
        String delay = first(settings, RETRY_DELAY, "metastore.client.connect.retry.delay");
        if (delay != null) {
            b.retryDelay(duration(delay, RETRY_DELAY, "s"));
        }
        String connects = first(settings, CONNECT_RETRIES, "metastore.connect.retries");
        if (connects != null) {
            b.connectAttempts(count(connects, CONNECT_RETRIES));
        }
        String failures = first(settings, FAILURE_RETRIES, "metastore.failure.retries");
        if (failures != null) {
            b.callAttempts(count(failures, FAILURE_RETRIES) + 1);
        }
        for (Map.Entry<String, String> entry : settings) {
            String key = entry.getKey();
            if (isClientKey(key) && !isModelled(key)) {
                b.clientProperty(key, settings.get(key));
            }
        }
        return b.build();
    }

    private static boolean isClientKey(String key) {
        return key.startsWith("hive.metastore.") || key.startsWith("metastore.");
    }

    private static boolean isModelled(String key) {
        String hive = key.startsWith("metastore.") ? "hive." + key : key;
        return hive.equals(URIS) || hive.equals("hive.metastore.thrift.uris") || hive.equals(SOCKET_TIMEOUT)
                || hive.equals(CONNECT_RETRIES) || hive.equals(FAILURE_RETRIES) || hive.equals(RETRY_DELAY);
    }

    private static String first(Configuration settings, String hiveName, String metastoreName) {
        String value = settings.getTrimmed(metastoreName);
        return value != null && !value.isEmpty() ? value : settings.getTrimmed(hiveName);
    }

    private static URI uri(String text, String origin) {
        if (!THRIFT_LIST.matcher(text).matches()) {
            throw ReplicatorException.usage("Invalid Hive Metastore URI '" + text + "' (from " + origin
                    + "): expected thrift://HOST:PORT");
        }
        return URI.create(text);
    }

    /** Hive's time values: a number with an optional unit (ms, s, m); {@code defaultUnit} when none is given. */
    static Duration duration(String text, String key, String defaultUnit) {
        Matcher m = TIME.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw ReplicatorException.usage("Invalid " + key + " '" + text + "': expected a time such as 60s or 1500ms");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? defaultUnit : m.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "m":
            case "min":
                return Duration.ofMinutes(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }

    private static int count(String text, String key) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ReplicatorException.usage("Invalid " + key + " '" + text + "': expected a whole number, 0 or more");
    }
}
