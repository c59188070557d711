package org.runreplicator.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Printed source URLs keep scheme, host, port and database, and never a user's password. */
class SourceConnectorDescribeTest {
    private static final String SECRET = "s3cr3t";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            jdbc:postgresql://db.example:5432/sales                                          | jdbc:postgresql://db.example:5432/sales
            jdbc:postgresql://db.example/sales                                               | jdbc:postgresql://db.example/sales
            jdbc:postgresql://db.example:5432/                                               | jdbc:postgresql://db.example:5432/
            jdbc:postgresql://db.example:5432                                                | jdbc:postgresql://db.example:5432
            jdbc:postgresql://10.0.0.7:6432/warehouse?sslmode=require                        | jdbc:postgresql://10.0.0.7:6432/warehouse
            jdbc:postgresql://[::1]:5432/sales?loginTimeout=3                                | jdbc:postgresql://[::1]:5432/sales
            jdbc:postgresql://h1:5432,h2:5433/sales?targetServerType=primary                 | jdbc:postgresql://h1:5432,h2:5433/sales
            jdbc:postgresql://db.example:5432/sales?user=etl&password=s3cr3t                 | jdbc:postgresql://db.example:5432/sales
            jdbc:postgresql://db.example:5432/sales?password=s3cr3t&user=etl                 | jdbc:postgresql://db.example:5432/sales
            jdbc:postgresql://etl:s3cr3t@db.example:5432/sales                               | jdbc:postgresql://db.example:5432/sales
            jdbc:mysql://etl:s3cr3t@db.example:3306/ops?useSSL=true                          | jdbc:mysql://db.example:3306/ops
            jdbc:mysql://etl:s3/cr3t@db.example:3306/ops                                     | jdbc:mysql://db.example:3306/ops
            jdbc:mysql://etl:p%40s3cr3t@db.example/ops                                       | jdbc:mysql://db.example/ops
            jdbc:teradata://tdprod                                                           | jdbc:teradata://tdprod
            jdbc:teradata://tdprod/                                                          | jdbc:teradata://tdprod
            jdbc:teradata://tdprod/DATABASE=sales                                            | jdbc:teradata://tdprod/DATABASE=sales
            jdbc:teradata://tdprod/DATABASE=sales,CHARSET=UTF8,PASSWORD=s3cr3t              | jdbc:teradata://tdprod/DATABASE=sales
            jdbc:teradata://tdprod/CHARSET=UTF8,TMODE=ANSI,LOGMECH=LDAP                      | jdbc:teradata://tdprod
            jdbc:teradata://tdprod/PASSWORD=s3cr3t,database=sales,DBS_PORT=1025              | jdbc:teradata://tdprod/database=sales,DBS_PORT=1025
            jdbc:teradata://tdprod/USER=etl@corp,PASSWORD=s3cr3t,DATABASE=sales              | jdbc:teradata://tdprod/DATABASE=sales
            jdbc:teradata://tdprod/LOGMECH=LDAP,LOGDATA=authcid=etl password=s3cr3t          | jdbc:teradata://tdprod
            "jdbc:teradata://tdprod/PASSWORD='a,DATABASE=s3cr3t',DATABASE=sales"            | jdbc:teradata://tdprod/DATABASE=sales
            jdbc:teradata://tdprod/DATABASE=sales,PASSWORD=s3cr3t;x=1                        | jdbc:teradata://tdprod/DATABASE=sales
            jdbc:h2:mem:demo                                                                 | jdbc:h2:mem:demo
            jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=s3cr3t                       | jdbc:h2:mem:demo
            jdbc:h2:./replicator-ledger;PASSWORD=s3cr3t                                      | jdbc:h2:./replicator-ledger
            jdbc:h2:file:/var/data/demo;AUTO_SERVER=TRUE                                     | jdbc:h2:file:/var/data/demo
            jdbc:h2:tcp://db.example:9092/~/sales;PASSWORD=s3cr3t                            | jdbc:h2:tcp://db.example:9092/~/sales
            jdbc:oracle:thin:etl/s3cr3t@db.example:1521/orcl                                 | jdbc:oracle:thin:@db.example:1521/orcl
            JDBC:POSTGRESQL://DB.EXAMPLE/SALES?PASSWORD=s3cr3t                               | JDBC:POSTGRESQL://DB.EXAMPLE/SALES
            postgresql://db.example/sales?password=s3cr3t                                    | the source
            """)
    void keepsServerPortAndDatabase_andNeverThePassword(String url, String described) {
        assertThat(SourceConnector.describe(url)).isEqualTo(described).doesNotContain(SECRET);
    }
}
