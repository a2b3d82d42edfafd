package io.dualuse.screening.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The result table of a pipeline run, and how its numbers are written. */
final class Report {

    private final List<String[]> table = new ArrayList<>();

    static String ms(Histogram h, double percentile) {
        return String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1000.0);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    void row(String... cells) {
        table.add(cells);
    }

    void print() {
        print("passthrough at-least-once", "service at-least-once", "passthrough exactly-once", "service exactly-once", "ratio / target");
    }

    /** The engine table (issue #24): the plain exactly-once passthrough against Kafka Streams doing the same. */
    void printEngine() {
        print("plain clients, exactly-once", "Kafka Streams, exactly-once", "Kafka Streams, a store write per order", "ratio");
    }

    /** The table under a header of "measure", the numeric columns, then the last (text) column. */
    private void print(String... columns) {
        System.out.println();
        System.out.println("| measure | " + String.join(" | ", columns) + " |");
        System.out.println("|---|" + "---:|".repeat(columns.length - 1) + "---|");
        for (String[] r : table) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    static String us(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.0f", v);
    }
}
