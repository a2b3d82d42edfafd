package io.dualuse.screening.ops;

import java.util.List;

/**
 * Default topic names (each overridable by configuration, see application.properties). Declared
 * here once for the embedded broker and the tests; deploy/ declares them for real clusters.
 */
public final class Topics {

    public static final String ORDERS = "orders.v1";
    public static final String ORDERS_DLQ = "orders.v1.dlq";
    public static final String DECISIONS = "screening.decisions.v1";
    public static final String RELEASES = "logistics.releases.v1";
    public static final String HOLDS = "logistics.holds.v1";

    public static final List<String> ALL = List.of(ORDERS, ORDERS_DLQ, DECISIONS, RELEASES, HOLDS);
    public static final List<String> COMPACTED = List.of();

    private Topics() {
    }
}
