package org.runreplicator.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.runreplicator.ledger.LedgerStatus;

/** The on-prem event's wire form, as DESIGN.md states it. */
class OnPremEventFormatTest {
    private static final Instant TD = Instant.parse("2024-05-01T02:00:00Z");

    private static OnPremEvent decode(String json) throws MalformedEventException {
        return OnPremEventFormat.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encodesExactlyTheDesignedJson_andDecodesItBack() throws Exception {
        OnPremEvent event = OnPremEvent.of("dev1_groupondw", "ref_attr_class_dev", TD, LedgerStatus.SUCCEEDED);

        byte[] data = OnPremEventFormat.encode(event);

        assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("{\"dbName\":\"dev1_groupondw\",\"tableName\":\"ref_attr_class_dev\","
                + "\"td_timestamp\":\"2024-05-01T02:00:00Z\",\"status\":\"SUCCEEDED\",\"environment\":\"ONPREM\"}");
        assertThat(OnPremEventFormat.decode(data)).isEqualTo(event);
    }

    @Test
    void readsTimestampsWithAnOffset_orWithoutOneAsUtc_toTheMicrosecond_andIgnoresUnknownFields() throws Exception {
        String template = "{\"dbName\":\"sales\",\"tableName\":\"Orders$1\",\"td_timestamp\":\"%s\",\"status\":\"FAILED\","
                + "\"environment\":\"ONPREM\",\"host\":\"edge-1\",\"rows\":12}";

        assertThat(decode(String.format(template, "2024-05-01T04:00:00+02:00")).tdTimestamp()).isEqualTo(TD);
        assertThat(decode(String.format(template, "2024-05-01T02:00:00")).tdTimestamp()).isEqualTo(TD);
        assertThat(decode(String.format(template, "2024-05-01T02:00:00.1234567Z")).tdTimestamp())
                .isEqualTo(Instant.parse("2024-05-01T02:00:00.123456Z"));
        assertThat(decode(String.format(template, "2024-05-01T02:00:00Z"))).isEqualTo(
                OnPremEvent.of("sales", "Orders$1", TD, LedgerStatus.FAILED));
    }

    @Test
    void refusesPayloadsOverTheLimit_unread() {
        byte[] big = new byte[OnPremEventFormat.MAX_BYTES + 1];

        assertThatThrownBy(() -> OnPremEventFormat.decode(big)).isInstanceOf(MalformedEventException.class)
                .hasMessage("the message data is 8193 bytes, more than the 8192 an event may have");
    }

    @Test
    void refusedNamesAreShownCutShortAndWithoutControlCharacters() {
        assertThatThrownBy(() -> OnPremEvent.of("a\u0000b", "t", TD, LedgerStatus.SUCCEEDED))
                .hasMessageStartingWith("dbName 'a?b' is not a Teradata identifier");
        assertThatThrownBy(() -> OnPremEvent.of("x".repeat(200), "t", TD, LedgerStatus.SUCCEEDED))
                .hasMessageStartingWith("dbName '" + "x".repeat(60) + "...' is not");
        assertThat(OnPremEvent.isIdentifier("#tmp$1")).isTrue();
        assertThat(OnPremEvent.isIdentifier("x".repeat(128))).isTrue();
        assertThat(OnPremEvent.isIdentifier("x".repeat(129))).isFalse();
    }
}
