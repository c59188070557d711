package org.runreplicator.metastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.junit.jupiter.api.Test;

class MetastoreConnectorTest {
    @Test
    void theTypedBoundsReachHivesClientUnderTheNamesItReadsFirst_andNothingElseIsRead() {
        MetastoreOptions options = MetastoreOptions.builder()
                .uris(List.of(URI.create("thrift://a:9083"), URI.create("thrift://b:9083")))
                .callTimeout(Duration.ofSeconds(7)).connectAttempts(5).callAttempts(3).retryDelay(Duration.ofMillis(250))
                .clientProperty("hive.metastore.sasl.enabled", "true")
                .build();

        Configuration conf = MetastoreConnector.configuration(options);

        assertThat(conf.get("metastore.thrift.uris")).isEqualTo("thrift://a:9083,thrift://b:9083");
        assertThat(conf.get("metastore.client.socket.timeout")).isEqualTo("7000ms");
        assertThat(conf.get("metastore.connect.retries")).isEqualTo("5");
        assertThat(conf.get("metastore.failure.retries")).isEqualTo("2");
        assertThat(conf.get("metastore.client.connect.retry.delay")).isEqualTo("250ms");
        assertThat(conf.get("hive.metastore.sasl.enabled")).isEqualTo("true");
        assertThat(conf.size()).isEqualTo(6);
    }

    @Test
    void aFailureIsOneLine_theInnermostMessagesFirstLine() {
        Exception wrapped = new RuntimeException("Unable to instantiate the client",
                new MetaException("Could not connect to meta store using any of the URIs provided. Most recent failure:"
                        + " org.apache.thrift.transport.TTransportException: java.net.ConnectException: Connection refused\n\tat x.y(Z.java:1)"));

        assertThat(MetastoreConnector.rootMessage(wrapped)).isEqualTo("Could not connect to meta store using any of the URIs provided."
                + " Most recent failure: org.apache.thrift.transport.TTransportException: java.net.ConnectException: Connection refused");
    }
}
