package org.runreplicator.readers;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the shaded job jar in a child JVM with the Hadoop client jars a cluster provides: how a cluster runs a copy. */
final class JobJarCopy {
    record Outcome(int exitCode, String out, String err) {
    }

    private JobJarCopy() {
    }

    static Outcome run(String... args) throws IOException, InterruptedException {
        Path jar = Paths.get(System.getProperty("launcher.jar"));
        Path provided = Paths.get(System.getProperty("launcher.provided.classpath"));
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(provided)) {
            throw new IllegalStateException("The job jar is not built at " + jar + ": build the reactor (mvn package) first");
        }
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + Files.readString(provided).trim(), "org.runreplicator.cli.Replicator"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("copy-out", ".txt");
        Path err = Files.createTempFile("copy-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("The copy did not finish within 3 minutes");
            }
            return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
