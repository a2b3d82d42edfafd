package io.dualuse.screening.platform;

import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.license.event.LedgerEntry;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.parties.event.PartyFinding;
import io.dualuse.screening.parties.event.PartyListVersion;
import io.dualuse.screening.review.event.HoldRecord;
import io.dualuse.screening.review.event.ReviewRecord;
import io.dualuse.screening.rules.event.RulesetActivation;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Every topic of the service, defined once: its default name, the key that renames it
 * ({@code screening.topics.<key>}, e.g. {@code SCREENING_TOPICS_ORDERS}), its cleanup policy and
 * partitions, its value type (keys are strings; values Avro in the configured wire format) and the
 * outgoing channel that writes it outside the pipeline's transactions. {@link TopicConfigSource}
 * turns this table into configuration, the embedded broker and the tests create topics from it,
 * and {@code DeploymentConsistencyTest} checks deploy/ against it. Adding a topic is one line here.
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
    public static final String RULESETS = "screening.rulesets.v1";
    public static final String PARTIES = "screening.parties.v1";
    public static final String PARTY_FINDINGS = "screening.party-findings.v1";

    /** The outgoing channels that write topics outside the pipeline (constants: {@code @Channel} needs them). */
    public static final String DECISIONS_OUT = "decisions";
    public static final String RELEASES_OUT = "releases";
    public static final String HOLDS_OUT = "holds";
    public static final String LICENSES_OUT = "licenses-out";
    public static final String LEDGER_OUT = "ledger-out";
    public static final String HOLDS_STATE_OUT = "holds-state-out";
    public static final String REVIEWS_OUT = "reviews-out";
    public static final String RULESETS_OUT = "rulesets-out";
    public static final String PARTIES_OUT = "parties-out";
    public static final String PARTY_FINDINGS_OUT = "party-findings-out";

    /** State topics keep the latest record per key (a tombstone deletes it); the others keep by time. */
    public enum Cleanup { DELETE, COMPACT }

    /**
     * One topic.
     * @param onePartition the order of its records is the order of events (rulesets): one partition
     * @param values       the Avro type of its values; null for the dead-letter topic (the rejected bytes as they came)
     * @param channel      the SmallRye outgoing channel that writes it outside the pipeline, or null
     */
    public record Topic(String name, String key, Cleanup cleanup, boolean onePartition, Class<?> values, String channel) {

        public String configKey() {
            return "screening.topics." + key;
        }

        public int partitions(int usual) {
            return onePartition ? 1 : usual;
        }
    }

    public static final List<Topic> DEFINITIONS = List.of(
            new Topic(ORDERS, "orders", Cleanup.DELETE, false, OrderEvent.class, null),
            new Topic(ORDERS_DLQ, "orders-dlq", Cleanup.DELETE, false, null, null),
            new Topic(ORDERS_BY_EXPORTER, "orders-by-exporter", Cleanup.DELETE, false, OrderEvent.class, null),
            new Topic(DECISIONS, "decisions", Cleanup.DELETE, false, ScreeningDecision.class, DECISIONS_OUT),
            new Topic(RELEASES, "releases", Cleanup.DELETE, false, ScreeningDecision.class, RELEASES_OUT),
            new Topic(HOLDS, "holds", Cleanup.DELETE, false, ScreeningDecision.class, HOLDS_OUT),
            new Topic(LICENSES, "licenses", Cleanup.COMPACT, false, LicenseRecord.class, LICENSES_OUT),
            new Topic(LICENSE_LEDGER, "license-ledger", Cleanup.COMPACT, false, LedgerEntry.class, LEDGER_OUT),
            new Topic(HOLDS_STATE, "holds-state", Cleanup.COMPACT, false, HoldRecord.class, HOLDS_STATE_OUT),
            new Topic(REVIEWS, "reviews", Cleanup.DELETE, false, ReviewRecord.class, REVIEWS_OUT),
            new Topic(RULESETS, "rulesets", Cleanup.COMPACT, true, RulesetActivation.class, RULESETS_OUT),
            new Topic(PARTIES, "parties", Cleanup.COMPACT, true, PartyListVersion.class, PARTIES_OUT),
            new Topic(PARTY_FINDINGS, "party-findings", Cleanup.COMPACT, false, PartyFinding.class, PARTY_FINDINGS_OUT));

    public static final List<String> ALL = DEFINITIONS.stream().map(Topic::name).toList();
    public static final List<String> COMPACTED = DEFINITIONS.stream().filter(t -> t.cleanup() == Cleanup.COMPACT).map(Topic::name).toList();

    private Topics() {
    }

    /** The definition of a topic by its default name. */
    public static Topic named(String name) {
        return DEFINITIONS.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a topic of the service: " + name));
    }

    /** How many partitions a topic needs: the ruleset and party-list topics one, the others {@code usual}. */
    public static int partitions(String topic, int usual) {
        return named(topic).partitions(usual);
    }

    /** Creates the default topics that do not exist yet on a single-broker cluster (embedded run, tests). */
    public static void create(String bootstrapServers, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = DEFINITIONS.stream()
                    .map(t -> new NewTopic(t.name(), t.partitions(partitions), (short) 1)
                            .configs(t.cleanup() == Cleanup.COMPACT ? Map.of("cleanup.policy", "compact") : Map.of()))
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
