package org.runreplicator.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db:5432/ops?user=etl&password=S3cr%et&ssl=true | jdbc:postgresql://db:5432/ops?user=etl&password=****&ssl=true | S3cr%et",
        "jdbc:mysql://etl:p@ss:w0rd@db:3306/ops                          | jdbc:mysql://etl:****@db:3306/ops                               | p@ss:w0rd",
        "jdbc:mysql://etl:pw@db/ops?PASSWORD=again                        | jdbc:mysql://etl:****@db/ops?PASSWORD=****                       | again",
        "jdbc:h2:file:/tmp/l;USER=sa;PASSWORD=x1                          | jdbc:h2:file:/tmp/l;USER=sa;PASSWORD=****                        | x1",
        "jdbc:teradata://td/USER=etl,PASSWORD=t0p,CHARSET=UTF8            | jdbc:teradata://td/USER=etl,PASSWORD=****,CHARSET=UTF8           | t0p",
    })
    void passwordsInsideUrlsAreFoundAndMasked(String url, String masked, String password) {
        assertThat(JdbcUrls.mask(url)).isEqualTo(masked).doesNotContain(password);
        assertThat(JdbcUrls.password(url)).isPresent();
        assertThat(url).contains(JdbcUrls.password(url).get());
    }

    @ParameterizedTest
    @CsvSource({"jdbc:postgresql://db:5432/ops?user=etl", "jdbc:mysql://etl@db/ops", "jdbc:h2:file:/tmp/l"})
    void urlsWithoutPasswordsAreLeftAlone(String url) {
        assertThat(JdbcUrls.mask(url)).isEqualTo(url);
        assertThat(JdbcUrls.password(url)).isEmpty();
    }
}
