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
        System.out.println();
        System.out.println("| measure | passthrough at-least-once | service at-least-once | passthrough exactly-once | service exactly-once | ratio / target |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        for (String[] r : table) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    /** The engine table (issue #24): the plain exactly-once passthrough against Kafka Streams doing the same. */
    void printEngine() {
        System.out.println();
        System.out.println("| measure | plain clients, exactly-once | Kafka Streams, exactly-once | Kafka Streams, a store write per order | ratio |");
        System.out.println("|---|---:|---:|---:|---|");
        for (String[] r : table) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    static String us(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.0f", v);
    }
}
