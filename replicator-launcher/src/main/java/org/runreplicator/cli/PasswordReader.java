package org.runreplicator.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.runreplicator.ReplicatorException;
import org.runreplicator.Secret;

/**
 * Reads a password (the source's, or a JDBC ledger's) from where the user keeps it, never from the
 * command line: a file ({@code --source-password-file}: a local path, or a {@code hdfs://},
 * {@code gs://} or other URI read through the Hadoop FileSystem) or an environment variable
 * ({@code --source-password-env VAR}).
 */
final class PasswordReader {
    static final PasswordReader SOURCE = new PasswordReader("source", "--source-password-file", "--source-password-env");
    static final PasswordReader LEDGER = new PasswordReader("ledger", "--ledger-password-file", "--ledger-password-env");

    private static final Pattern URI_WITH_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final Pattern TRAILING_NEWLINES = Pattern.compile("[\r\n]+$");
    // A password file is a few bytes; refusing large ones keeps a wrong path from filling the heap.
    private static final int MAX_BYTES = 64 * 1024;

    private final String whose;
    private final String fileOption;
    private final String envOption;

    private PasswordReader(String whose, String fileOption, String envOption) {
        this.whose = whose;
        this.fileOption = fileOption;
        this.envOption = envOption;
    }

    /** The password, or null when neither source is given. */
    Secret read(String file, String envVariable, Map<String, String> env, Configuration conf) {
        if (file != null && envVariable != null) {
            throw ReplicatorException.usage("Give either " + fileOption + " or " + envOption + ", not both");
        }
        if (file != null) {
            return fromFile(file, conf);
        }
        if (envVariable != null) {
            return fromEnvironment(envVariable, env);
        }
        return null;
    }

    private Secret fromEnvironment(String variable, Map<String, String> env) {
        String value = env.get(variable);
        if (value == null) {
            throw ReplicatorException.usage("Cannot read the " + whose + " password: environment variable " + variable
                    + " (" + envOption + ") is not set");
        }
        return Secret.of(value);
    }

    private Secret fromFile(String file, Configuration conf) {
        byte[] bytes;
        try {
            bytes = URI_WITH_SCHEME.matcher(file).matches() ? readHadoop(file, conf) : readLocal(file);
        } catch (IOException | IllegalArgumentException e) {
            throw ReplicatorException.usage("Cannot read the " + whose + " password file " + file + ": " + describe(e));
        }
        String password = TRAILING_NEWLINES.matcher(new String(bytes, StandardCharsets.UTF_8)).replaceFirst("");
        if (password.isEmpty()) {
            throw ReplicatorException.usage("Cannot read the " + whose + " password file " + file + ": it is empty");
        }
        return Secret.of(password);
    }

    private static byte[] readLocal(String file) throws IOException {
        java.nio.file.Path path = Paths.get(file);
        if (Files.size(path) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes, not a password file");
        }
        return Files.readAllBytes(path);
    }

    private static byte[] readHadoop(String file, Configuration conf) throws IOException {
        Path path = new Path(file);
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int n;
            while ((n = in.read(chunk)) > 0) {
                buffer.write(chunk, 0, n);
                if (buffer.size() > MAX_BYTES) {
                    throw new IOException("larger than " + MAX_BYTES + " bytes, not a password file");
                }
            }
            return buffer.toByteArray();
        }
    }

    // File-not-found exceptions carry only the path as their message; say what happened instead.
    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.io.FileNotFoundException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
