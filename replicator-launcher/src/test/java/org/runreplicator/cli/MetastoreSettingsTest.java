package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.ReplicatorException;
import org.runreplicator.metastore.MetastoreOptions;
import org.runreplicator.metastore.SchemaChangePolicy;
import org.runreplicator.types.ParquetFlavor;

class MetastoreSettingsTest {
    private static final ClassLoader NO_HIVE_SITE = new URLClassLoader(new URL[0], null);

    @TempDir
    Path dir;

    @Test
    void pinsTheDefaults() {
        assertThat(MetastoreOptions.DEFAULT_CALL_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
        assertThat(MetastoreOptions.DEFAULT_CONNECT_ATTEMPTS).isEqualTo(3);
        assertThat(MetastoreOptions.DEFAULT_CALL_ATTEMPTS).isEqualTo(2);
        assertThat(MetastoreOptions.DEFAULT_RETRY_DELAY).isEqualTo(Duration.ofSeconds(2));
        assertThat(SchemaChangePolicy.DEFAULT).isEqualTo(SchemaChangePolicy.FAIL);
        assertThat(ParquetFlavor.DEFAULT).isEqualTo(ParquetFlavor.HIVE3);
    }

    @Test
    void noneAndAMissingHiveSite_registerNowhere() {
        assertThat(MetastoreSettings.resolve("none", "fail", Map.of(), Map.of(), NO_HIVE_SITE)).isEmpty();
        assertThat(MetastoreSettings.resolve("hive-site", "fail", Map.of(), Map.of(), NO_HIVE_SITE)).isEmpty();
    }

    @Test
    void explicitUris_inOrder_withDefaults() {
        MetastoreOptions options = MetastoreSettings.resolve("thrift://a.example:9083,thrift://b.example:9083", "evolve", Map.of(),
                Map.of(), NO_HIVE_SITE).orElseThrow();

        assertThat(options.uris()).containsExactly(URI.create("thrift://a.example:9083"), URI.create("thrift://b.example:9083"));
        assertThat(options.callTimeout()).isEqualTo(MetastoreOptions.DEFAULT_CALL_TIMEOUT);
        assertThat(options.schemaChange()).isEqualTo(SchemaChangePolicy.EVOLVE);
        assertThat(options.describe()).isEqualTo("the Hive Metastore at thrift://a.example:9083,thrift://b.example:9083");
    }

    @Test
    void hiveSiteInHiveConfDir_givesTheUrisAndClientSettings_andDashDWins() throws Exception {
        Files.writeString(dir.resolve("hive-site.xml"), "<configuration>"
                + "<property><name>hive.metastore.uris</name><value>thrift://hms.internal:9083</value></property>"
                + "<property><name>hive.metastore.client.socket.timeout</name><value>600</value></property>"
                + "<property><name>hive.metastore.sasl.enabled</name><value>true</value></property>"
                + "<property><name>hive.exec.scratchdir</name><value>/tmp/hive</value></property>"
                + "</configuration>");

        Optional<MetastoreOptions> fromFile = MetastoreSettings.resolve("hive-site", "fail", Map.of(),
                Map.of("HIVE_CONF_DIR", dir.toString()), NO_HIVE_SITE);
        Optional<MetastoreOptions> overridden = MetastoreSettings.resolve("hive-site", "fail",
                Map.of("hive.metastore.client.socket.timeout", "1500ms", "hive.metastore.failure.retries", "0",
                        "hive.metastore.kerberos.principal", "hive/_HOST@EXAMPLE", "fs.gs.project.id", "p"),
                Map.of("HIVE_CONF_DIR", dir.toString()), NO_HIVE_SITE);

        assertThat(fromFile.orElseThrow().uris()).containsExactly(URI.create("thrift://hms.internal:9083"));
        assertThat(fromFile.orElseThrow().callTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(fromFile.orElseThrow().clientProperties()).containsEntry("hive.metastore.sasl.enabled", "true")
                .doesNotContainKeys("hive.metastore.uris", "hive.metastore.client.socket.timeout", "hive.exec.scratchdir");
        assertThat(overridden.orElseThrow().callTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(overridden.orElseThrow().callAttempts()).isEqualTo(1);
        assertThat(overridden.orElseThrow().clientProperties()).containsEntry("hive.metastore.kerberos.principal", "hive/_HOST@EXAMPLE")
                .doesNotContainKey("fs.gs.project.id");
    }

    @Test
    void malformedValues_areUsageErrorsNamingThem() {
        assertThatThrownBy(() -> MetastoreSettings.resolve("hms:9083", "fail", Map.of(), Map.of(), NO_HIVE_SITE))
                .isInstanceOf(ReplicatorException.class).hasMessageStartingWith("Invalid --metastore 'hms:9083'");
        assertThatThrownBy(() -> MetastoreSettings.resolve("thrift://h:1", "fail", Map.of("hive.metastore.client.socket.timeout", "soon"),
                Map.of(), NO_HIVE_SITE))
                .hasMessage("Invalid hive.metastore.client.socket.timeout 'soon': expected a time such as 60s or 1500ms");
        assertThatThrownBy(() -> MetastoreSettings.resolve("thrift://h:1", "sometimes", Map.of(), Map.of(), NO_HIVE_SITE))
                .hasMessage("Invalid --schema-change 'sometimes': expected fail or evolve");
    }

    @Test
    void dashDTimeoutsAndRetriesBecomeTypedBounds() {
        MetastoreOptions options = MetastoreSettings.resolve("thrift://h:1", "fail", Map.of("hive.metastore.client.socket.timeout", "7s",
                "hive.metastore.connect.retries", "5"), Map.of(), NO_HIVE_SITE).orElseThrow();

        assertThat(List.of(options.callTimeout(), options.connectAttempts())).containsExactly(Duration.ofSeconds(7), 5);
    }
}
