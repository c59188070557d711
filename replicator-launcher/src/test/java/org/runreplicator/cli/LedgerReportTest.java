package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.runreplicator.ledger.LedgerKey;
import org.runreplicator.ledger.LedgerRow;
import org.runreplicator.ledger.LedgerStatus;

class LedgerReportTest {
    private static final Instant NEW = Instant.parse("2024-05-02T02:00:00Z");
    private static final Instant OLD = Instant.parse("2024-05-01T02:00:00Z");
    private static final Instant AT = Instant.parse("2024-05-02T03:00:00Z");

    private static LedgerRow row(Instant td, String environment, LedgerStatus status, String job) {
        return new LedgerRow(new LedgerKey("sales", "orders", td, environment), status, AT, job);
    }

    @Test
    void eachOnPremRunIsOneLine_environmentsSideBySide_withAVerdict() {
        List<String> lines = LedgerReport.render(List.of(
                row(NEW, "GCP", LedgerStatus.RUNNING, "job-2"), row(NEW, "ONPREM", LedgerStatus.SUCCEEDED, null),
                row(OLD, "GCP", LedgerStatus.SUCCEEDED, "job-1"), row(OLD, "ONPREM", LedgerStatus.SUCCEEDED, null)));

        assertThat(lines).containsExactly(
                "td_timestamp          ONPREM     last_modified_at      dataproc_job_id  GCP        last_modified_at      dataproc_job_id  in step",
                "2024-05-02T02:00:00Z  SUCCEEDED  2024-05-02T03:00:00Z  -                RUNNING    2024-05-02T03:00:00Z  job-2            no: GCP running",
                "2024-05-01T02:00:00Z  SUCCEEDED  2024-05-02T03:00:00Z  -                SUCCEEDED  2024-05-02T03:00:00Z  job-1            yes");
    }

    @Test
    void verdictsSayWhatIsMissingOrBehind() {
        assertThat(LedgerReport.render(List.of(row(NEW, "ONPREM", LedgerStatus.SUCCEEDED, null))).get(1)).endsWith("no: GCP has no row");
        assertThat(LedgerReport.render(List.of(row(NEW, "GCP", LedgerStatus.SUCCEEDED, "j"))).get(1))
                .endsWith("no on-prem run (GCP succeeded)");
        assertThat(LedgerReport.render(List.of(row(NEW, "ONPREM", LedgerStatus.RUNNING, null), row(NEW, "GCP", LedgerStatus.PENDING, null)))
                .get(1)).endsWith("on-prem running");
        assertThat(LedgerReport.render(List.of(row(NEW, "ONPREM", LedgerStatus.SUCCEEDED, null), row(NEW, "GCP", LedgerStatus.FAILED, "j"),
                row(NEW, "DR", LedgerStatus.SUCCEEDED, "k"))).get(0)).contains("GCP", "DR");
    }
}
