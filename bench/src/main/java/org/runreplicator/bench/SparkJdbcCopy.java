package org.runreplicator.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark contestant, as Google's Dataproc JDBC-to-GCS template runs it: Spark's JDBC source
 * with partitionColumn, lowerBound, upperBound and numPartitions, the same fetch size, writing
 * snappy Parquet, on {@code local[CONNECTIONS]} so as many splits read at once as in the other
 * contestants. The bounds are the key's min and max, as a template user would pass them.
 *
 * <p>Arguments: URL USER TABLE SPLIT_BY SPLITS CONNECTIONS FETCH_SIZE OUTPUT_DIR; the password
 * comes from {@code BENCH_PGPASSWORD}. Prints one JSON line: seconds.
 */
public final class SparkJdbcCopy {
    private SparkJdbcCopy() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String table = args[2];
        String splitBy = args[3];
        int splits = Integer.parseInt(args[4]);
        int connections = Integer.parseInt(args[5]);
        String fetchSize = args[6];
        String output = args[7];
        String password = System.getenv("BENCH_PGPASSWORD");

        long start = System.nanoTime();
        long lower;
        long upper;
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT min(" + splitBy + "), max(" + splitBy + ") FROM " + table)) {
            rs.next();
            lower = rs.getLong(1);
            upper = rs.getLong(2);
        }
        SparkSession spark = SparkSession.builder()
                .master("local[" + connections + "]")
                .appName("jdbc-to-parquet")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.parquet.compression.codec", "snappy")
                .getOrCreate();
        try {
            spark.read().format("jdbc")
                    .option("url", url)
                    .option("driver", "org.postgresql.Driver")
                    .option("dbtable", table)
                    .option("user", user)
                    .option("password", password)
                    .option("partitionColumn", splitBy)
                    .option("lowerBound", lower)
                    .option("upperBound", upper)
                    .option("numPartitions", splits)
                    .option("fetchsize", fetchSize)
                    .load()
                    .write()
                    .mode(SaveMode.Overwrite)
                    .parquet(output);
        } finally {
            spark.stop();
        }
        System.out.println("{\"seconds\":" + (System.nanoTime() - start) / 1e9 + "}");
    }
}
