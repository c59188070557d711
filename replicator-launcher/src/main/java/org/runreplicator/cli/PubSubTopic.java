package org.runreplicator.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.runreplicator.ReplicatorException;

/** A Pub/Sub topic's full name, {@code projects/PROJECT/topics/TOPIC}, checked against Pub/Sub's naming rules. */
final class PubSubTopic {
    // Project ids: 6-30 (emulators take shorter ones) of lowercase letters, digits, hyphens (older ones may hold a domain prefix "example.com:");
    // topic ids: 3-255 of letters, digits, - _ . ~ + %, starting with a letter.
    private static final Pattern NAME = Pattern.compile("projects/([a-z][a-z0-9.:-]{0,62})/topics/([A-Za-z][A-Za-z0-9._~+%-]{2,254})");

    private final String project;
    private final String topic;

    private PubSubTopic(String project, String topic) {
        this.project = project;
        this.topic = topic;
    }

    static PubSubTopic parse(String text) {
        Matcher m = NAME.matcher(text);
        if (!m.matches() || m.group(2).startsWith("goog")) {
            throw ReplicatorException.usage("Invalid --topic '" + text + "': expected projects/PROJECT/topics/TOPIC");
        }
        return new PubSubTopic(m.group(1), m.group(2));
    }

    String project() {
        return project;
    }

    String topic() {
        return topic;
    }

    @Override
    public String toString() {
        return "projects/" + project + "/topics/" + topic;
    }
}
