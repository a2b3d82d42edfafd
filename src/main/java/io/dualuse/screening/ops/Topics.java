package io.dualuse.screening.ops;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Default topic names (each overridable by configuration, see application.properties). Declared
 * here once for the embedded broker and the tests; deploy/ declares them for real clusters.
 */
public final class Topics {

    public static final String ORDERS = "orders.v1";
    public static final String ORDERS_DLQ = "orders.v1.dlq";
    public static final String ORDERS_BY_EXPORTER = "screening.orders.by-exporter.v1";
    public static final String DECISIONS = "screening.decisions.v1";
    public static final String RELEASES = "logistics.releases.v1";
    public static final String HOLDS = "logistics.holds.v1";
    public static final String LICENSES = "screening.licenses.v1";
    public static final String LICENSE_LEDGER = "screening.license-ledger.v1";
    public static final String HOLDS_STATE = "screening.holds.state.v1";
    public static final String REVIEWS = "screening.reviews.v1";
    /** One partition: the order of activations is the order of its records. */
    public static final String RULESETS = "screening.rulesets.v1";

    public static final List<String> ALL = List.of(ORDERS, ORDERS_DLQ, ORDERS_BY_EXPORTER, DECISIONS, RELEASES, HOLDS, LICENSES,
            LICENSE_LEDGER, HOLDS_STATE, REVIEWS, RULESETS);
    /** State topics: the latest record per key is the truth, a tombstone deletes it. */
    public static final List<String> COMPACTED = List.of(LICENSES, LICENSE_LEDGER, HOLDS_STATE, RULESETS);

    private Topics() {
    }

    /** How many partitions a topic needs: the ruleset topic one, the others {@code usual}. */
    public static int partitions(String topic, int usual) {
        return topic.equals(RULESETS) ? 1 : usual;
    }

    /** Creates the default topics that do not exist yet on a single-broker cluster (embedded run, tests). */
    public static void create(String bootstrapServers, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = ALL.stream()
                    .map(t -> new NewTopic(t, partitions(t, partitions), (short) 1)
                            .configs(COMPACTED.contains(t) ? Map.of("cleanup.policy", "compact") : Map.of()))
                    .toList();
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topics: " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
