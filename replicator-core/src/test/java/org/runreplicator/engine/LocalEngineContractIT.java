package org.runreplicator.engine;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** The engine contract on local threads, writing to the local file system. */
class LocalEngineContractIT extends EngineContract {
    @Override
    protected Engine engine(Configuration conf, int maxConnections, int maxAttempts) {
        return new LocalEngine(maxConnections, maxAttempts, Duration.ofMillis(50), conf);
    }

    @Override
    protected Configuration conf() {
        return new Configuration();
    }

    @Override
    protected URI newTarget() throws Exception {
        return Files.createTempDirectory("local-engine").toUri();
    }

    @Override
    protected java.nio.file.Path localCopy(Path partitionDir) {
        return java.nio.file.Path.of(partitionDir.toUri());
    }
}
