package org.runreplicator.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Supplies the value of every option not given on the command line: first from a
 * {@code REPLICATOR_*} environment variable ({@code --source-url} → {@code REPLICATOR_SOURCE_URL}),
 * then from the properties file named by {@code --config} (or {@code REPLICATOR_CONFIG}), whose
 * keys are option names without dashes ({@code source-url=...}). Picocli falls back to the
 * option's own default when this returns null, which gives: command line, environment, file, default.
 * Picocli asks only after matching the command line, so {@code --config} is already known then.
 */
final class ConfigDefaults implements IDefaultValueProvider {
    static final String ENV_PREFIX = "REPLICATOR_";
    static final String CONFIG_OPTION = "--config";
    // Options that only make sense on the command line itself.
    private static final Set<String> COMMAND_LINE_ONLY = Set.of("-D", "--help", "--verbose");

    private final Map<String, String> env;
    private String loadedFrom;
    private Properties file;

    ConfigDefaults(Map<String, String> env) {
        this.env = env;
    }

    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    static String envVariable(OptionSpec option) {
        return ENV_PREFIX + key(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!arg.isOption() || COMMAND_LINE_ONLY.contains(((OptionSpec) arg).longestName())) {
            return null;
        }
        OptionSpec option = (OptionSpec) arg;
        String fromEnv = env.get(envVariable(option));
        if (fromEnv != null || option.longestName().equals(CONFIG_OPTION)) {
            return fromEnv;
        }
        Properties config = config(option.command());
        return config == null ? null : config.getProperty(key(option));
    }

    private Properties config(CommandSpec command) {
        OptionSpec configOption = command.findOption(CONFIG_OPTION);
        String path = configOption.getValue();
        if (path == null) {
            path = env.get(envVariable(configOption));
        }
        if (path == null) {
            return null;
        }
        if (!path.equals(loadedFrom)) {
            file = load(path, command);
            loadedFrom = path;
        }
        return file;
    }

    private static Properties load(String path, CommandSpec command) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Paths.get(path), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ParameterException(command.commandLine(), "Cannot read config file " + path + ": no such file");
        } catch (IOException e) {
            throw new ParameterException(command.commandLine(), "Cannot read config file " + path + ": " + e.getMessage());
        }
        Set<String> known = new TreeSet<>();
        for (OptionSpec option : command.options()) {
            if (!COMMAND_LINE_ONLY.contains(option.longestName())) {
                known.add(key(option));
            }
        }
        for (String key : properties.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new ParameterException(command.commandLine(), "Unknown key '" + key + "' in config file " + path
                        + (key.contains("password") && !key.startsWith("source-password-")
                            ? ": a password is read only from --source-password-file or --source-password-env"
                            : ": expected one of " + String.join(", ", known)));
            }
        }
        return properties;
    }
}
