package org.runreplicator.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.runreplicator.ledger.LedgerRow;
import org.runreplicator.ledger.LedgerStatus;

/**
 * The ledger rows of one table laid out for a person checking whether GCP is in step with on-prem:
 * one line per on-prem run ({@code td_timestamp}), each environment's status, when it changed and
 * the job that wrote it side by side, and a verdict.
 */
final class LedgerReport {
    static final String ONPREM = "ONPREM";
    static final String GCP = "GCP";

    private LedgerReport() {
    }

    /** The report's lines, a header first; rows as {@link org.runreplicator.ledger.RunLedger#rows} returns them. */
    static List<String> render(List<LedgerRow> rows) {
        List<String> environments = environments(rows);
        Map<Instant, Map<String, LedgerRow>> runs = new LinkedHashMap<>();
        for (LedgerRow row : rows) {
            runs.computeIfAbsent(row.key().tdTimestamp(), k -> new LinkedHashMap<>()).put(row.key().environment(), row);
        }
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("td_timestamp"));
        for (String environment : environments) {
            header.addAll(List.of(environment, "last_modified_at", "dataproc_job_id"));
        }
        header.add("in step");
        table.add(header);
        for (Map.Entry<Instant, Map<String, LedgerRow>> run : runs.entrySet()) {
            List<String> line = new ArrayList<>(List.of(run.getKey().toString()));
            for (String environment : environments) {
                LedgerRow row = run.getValue().get(environment);
                line.add(row == null ? "-" : row.status().name());
                line.add(row == null || row.lastModifiedAt() == null ? "-" : row.lastModifiedAt().toString());
                line.add(row == null || row.jobId() == null ? "-" : row.jobId());
            }
            line.add(verdict(run.getValue()));
            table.add(line);
        }
        return align(table);
    }

    /** ONPREM and GCP first, then any other environment by name. */
    private static List<String> environments(List<LedgerRow> rows) {
        TreeSet<String> others = new TreeSet<>();
        rows.forEach(r -> others.add(r.key().environment()));
        others.remove(ONPREM);
        others.remove(GCP);
        List<String> ordered = new ArrayList<>(List.of(ONPREM, GCP));
        ordered.addAll(others);
        return ordered;
    }

    static String verdict(Map<String, LedgerRow> run) {
        LedgerRow onPrem = run.get(ONPREM);
        LedgerRow gcp = run.get(GCP);
        if (onPrem == null) {
            return gcp == null ? "no on-prem or GCP row" : "no on-prem run (GCP " + gcp.status().name().toLowerCase(Locale.ROOT) + ")";
        }
        if (onPrem.status() != LedgerStatus.SUCCEEDED) {
            return "on-prem " + onPrem.status().name().toLowerCase(Locale.ROOT);
        }
        if (gcp == null) {
            return "no: GCP has no row";
        }
        return gcp.status() == LedgerStatus.SUCCEEDED ? "yes" : "no: GCP " + gcp.status().name().toLowerCase(Locale.ROOT);
    }

    private static List<String> align(List<List<String>> table) {
        int columns = table.get(0).size();
        int[] widths = new int[columns];
        for (List<String> line : table) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> line : table) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                text.append(i == 0 ? "" : "  ").append(i == columns - 1 ? line.get(i) : pad(line.get(i), widths[i]));
            }
            lines.add(text.toString());
        }
        return lines;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
