package io.dualuse.screening.platform;

import io.dualuse.screening.wire.WireSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code screening.*} setting of the service, in one place, with its default. Each key can be
 * set in application.properties, as a system property or as an environment variable
 * ({@code screening.pipeline.max-record-bytes}: {@code SCREENING_PIPELINE_MAX_RECORD_BYTES}).
 * application.properties explains the ones an operator is likely to change.
 */
@ConfigMapping(prefix = "screening")
public interface ScreeningConfig {

    /** This instance's name: the base of its Kafka client and transactional ids. Two instances need different ones. */
    String instanceId();

    /**
     * The URL other instances reach this one's HTTP API at: a read or review of an exporter kept by
     * another instance is forwarded to it there. Unset: {@code http://<this host's address>:<quarkus.http.port>},
     * right for a pod or a container.
     */
    Optional<String> advertisedUrl();

    /** The consumer group of the order pipeline, shared by all instances. */
    @WithDefault("export-screening")
    String consumerGroup();

    /** {@code exactly-once} (Kafka transactions) or {@code at-least-once}. */
    @WithDefault("exactly-once")
    String delivery();

    /** Topic names by key ({@code screening.topics.orders}); the defaults come from {@link Topics}. */
    Map<String, String> topics();

    /** Whether and how the service creates its topics at start ({@link TopicSetup}). */
    TopicCreation topicSetup();

    interface TopicCreation {
        /**
         * Create the missing topics at start. Off for a locked-down cluster: the service then says
         * which topics are missing and stays not ready until they exist.
         */
        @WithDefault("true")
        boolean create();

        /** Partitions of each topic it creates (the one-partition topics keep one). */
        @WithDefault("3")
        int partitions();

        /** Replication factor of the topics it creates; unset: the broker's default.replication.factor. */
        Optional<Short> replicationFactor();

        /** How long one look at the broker waits for its answer. */
        @WithDefault("PT30S")
        Duration timeout();

        /** While a topic is missing or wrong, how often the start looks again. */
        @WithDefault("PT5S")
        Duration retryEvery();
    }

    /** The configured name of a topic given by its default name ({@link Topics#ORDERS}...). */
    default String topic(String defaultName) {
        Topics.Topic t = Topics.named(defaultName);
        return topics().getOrDefault(t.key(), t.name());
    }

    /** The wire format's keys as the Kafka clients' serializers read them (wire.WireSettings). */
    default Map<String, String> wireKeys() {
        return Map.of(WireSettings.FORMAT, wire().format(), WireSettings.REGISTRY_URL, registry().url(),
                WireSettings.CONFLUENT_COMPATIBLE, String.valueOf(registry().confluentCompatible()));
    }

    RulesetSettings ruleset();

    PartyListSettings parties();

    interface PartyListSettings {
        /** A party-list file in the shipped CSV format; unset: the lists in the jar (rules/cn-control-lists/). */
        Optional<String> path();
    }

    ExportDate exportDate();

    Pipeline pipeline();

    Holds holds();

    Released released();

    Calendar calendar();

    DecisionLog decisionLog();

    Preview preview();

    Ledger ledger();

    /** The licence ledger ({@code screening.license-ledger.v1}). */
    interface Ledger {
        /**
         * Days after an order's export date from which its licence draws are settled: folded into
         * their licences' settled records, and no longer held order by order. An amendment that comes
         * later draws anew (counted twice, never less).
         */
        @WithDefault("30")
        int settleAfterDays();

        /** How often the pipeline looks for draws to settle. */
        @WithDefault("PT1H")
        Duration settleEvery();
    }

    Security security();

    Wire wire();

    Registry registry();

    /** How Avro values are framed on Kafka (wire.WireSettings; the same keys reach the Kafka clients' serializers). */
    interface Wire {
        /** {@code single-object} (no registry) or {@code registry}. */
        @WithDefault("single-object")
        String format();
    }

    interface Registry {
        /** The schema registry in registry mode. */
        @WithDefault("http://localhost:8081/apis/registry/v3")
        String url();

        /** True: Confluent framing (magic byte 0 + 4-byte id); false: Apicurio's 8-byte global id. */
        @WithDefault("true")
        boolean confluentCompatible();
    }

    interface RulesetSettings {
        /** A ruleset file; unset: {@link #resource()} from the jar. */
        Optional<String> path();

        @WithDefault("rulesets/cn-dual-use.yaml")
        String resource();

        /** A ruleset older than this may miss announcements: every order HOLDs until a newer one is loaded. */
        @WithDefault("90")
        int maxAgeDays();
    }

    interface ExportDate {
        /** An export date further back than this before the order arrives HOLDs; -1 screens every order at its date. */
        @WithDefault("7")
        int maxPastDays();
    }

    interface Pipeline {
        /** The largest order record the intake takes, and the largest decision or hold state an order may make. */
        @WithDefault("1000000")
        int maxRecordBytes();

        @WithDefault("100")
        long pollTimeoutMs();

        /** Any Kafka producer setting for the pipeline's producer ({@code screening.pipeline.producer.linger.ms}), on top of {@code kafka.*}. */
        Map<String, String> producer();

        /** Any Kafka consumer setting for the pipeline's consumer ({@code screening.pipeline.consumer.max.poll.records}). */
        Map<String, String> consumer();
    }

    interface Holds {
        /** {@code disk} (RocksDB) or {@code heap}: where open holds keep their order and decision bytes. */
        @WithDefault("disk")
        String payloads();

        Optional<String> payloadDir();
    }

    interface Released {
        /** Released orders not yet shipped that a rules change re-screens: the last this many. */
        @WithDefault("10000")
        int maxOrders();
    }

    interface Calendar {
        /** How often the rules calendar is looked at for a day on which the rules change. */
        @WithDefault("PT1M")
        Duration checkEvery();
    }

    interface DecisionLog {
        /** Decisions remembered for {@code GET /api/v1/decisions/{id}} (their audit-topic offsets). */
        @WithDefault("100000")
        int decisions();
    }

    /** Ruleset previews ({@code POST /api/v1/ruleset/preview}). */
    interface Preview {
        /** The window of orders a preview replays when the request names none: the last this long. */
        @WithDefault("P7D")
        Duration window();

        /**
         * Orders whose latest version one pass over the window keeps track of (24 bytes each, in a
         * table made once per preview). A window with more orders is read in more passes: memory
         * stays the same, time grows.
         */
        @WithDefault("250000")
        int indexedOrders();

        /** Changed orders kept for paging, written to disk; the counts cover every order anyway. At most 4194304. */
        @WithDefault("100000")
        int changedOrders();

        /** Finished previews kept readable; the oldest is forgotten, and its file deleted, first. */
        @WithDefault("5")
        int keep();

        /** Where a preview writes its changed orders; {@code java.io.tmpdir} by default. */
        Optional<String> dir();
    }

    interface Security {
        DemoUsersSwitch demoUsers();

        /**
         * Identity-provider roles (from the token claim {@code quarkus.oidc.roles.role-claim-path})
         * that make a user a compliance officer: an IdP rarely names its groups after our roles.
         */
        @WithDefault(Roles.OFFICER)
        List<String> officerRoles();

        /** Identity-provider roles that make a user ops (read only). */
        @WithDefault(Roles.OPS)
        List<String> opsRoles();

        interface DemoUsersSwitch {
            /**
             * Demo users ({@code quarkus.security.users.embedded.users.*}) in a production run: refused
             * unless this says otherwise (the {@code demo} profile of the one-command run does).
             */
            @WithDefault("false")
            boolean allowInProd();
        }
    }
}
