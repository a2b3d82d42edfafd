package io.dualuse.screening.peers;

import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.state.PartitionOwnership;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The other instances of the service and the exporters each one owns, as the pipeline's consumer
 * group says: a member is an instance, its assignment of the routed topic is the exporters it keeps,
 * and its client id carries the URL it serves its API at ({@link #pipelineClientId}). So the
 * group, which Kafka already keeps current as instances come and go, is the one directory; a dead
 * instance leaves it with its session.
 */
@ApplicationScoped
public class PeerDirectory {

    /** Between the pipeline's name and its URL in the pipeline consumer's client id. */
    static final String URL_MARK = "@";
    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Another instance: its name and the URL of its API. */
    public record Peer(String instanceId, URI url) {
    }

    /** The group's members with their routed partitions, as last described. */
    private record Members(List<Member> members, long at) {
    }

    private record Member(String clientId, Peer peer, List<Integer> routedPartitions) {
    }

    private final String instanceId;
    private final String url;
    private final String group;
    private final String routedTopic;
    private final Map<String, Object> kafka;
    private final PartitionOwnership ownership;
    private volatile Admin admin;
    private volatile Members cached;

    public PeerDirectory(ScreeningConfig config, @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port,
                         @io.smallrye.common.annotation.Identifier("default-kafka-broker") Map<String, Object> kafka,
                         PartitionOwnership ownership) {
        this.instanceId = config.instanceId();
        this.url = config.advertisedUrl().map(u -> u.replaceAll("/+$", "")).orElseGet(() -> "http://" + localAddress() + ":" + port);
        if (peer(instanceId + "-pipeline" + URL_MARK + url).isEmpty()) {
            throw new IllegalArgumentException("screening.advertised-url: must be an absolute URL such as http://host:8080, got '"
                    + url + "'");
        }
        this.group = config.consumerGroup();
        this.routedTopic = config.topic(Topics.ORDERS_BY_EXPORTER);
        this.kafka = kafka;
        this.ownership = ownership;
    }

    private static String localAddress() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            String address = local.getHostAddress();
            if (local instanceof java.net.Inet6Address) {
                int scope = address.indexOf('%'); // a URL cannot carry the interface
                return "[" + (scope < 0 ? address : address.substring(0, scope)) + "]";
            }
            return address;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** This instance's API, as the others reach it. */
    public String url() {
        return url;
    }

    /** The pipeline consumer's client id: the instance's name, then its URL for the other instances. */
    public String pipelineClientId() {
        return instanceId + "-pipeline" + URL_MARK + url;
    }

    /** The other instances now in the group, with a URL. */
    public List<Peer> others() {
        return members().stream().filter(m -> !m.clientId().equals(pipelineClientId())).map(Member::peer).distinct().toList();
    }

    /**
     * The instance that keeps this exporter's state, when it is another one; empty when it is this
     * instance or nobody owns the partition right now (a rebalance).
     */
    public Optional<Peer> ownerOf(String exporterId) {
        int partition = ownership.partitionOf(exporterId);
        if (partition < 0 || ownership.owns(exporterId)) {
            return Optional.empty();
        }
        return members().stream().filter(m -> m.routedPartitions().contains(partition) && !m.clientId().equals(pipelineClientId()))
                .map(Member::peer).findFirst();
    }

    private List<Member> members() {
        Members m = cached;
        if (m != null && System.nanoTime() - m.at() < FRESH_NANOS) {
            return m.members();
        }
        m = new Members(describe(), System.nanoTime());
        cached = m;
        return m.members();
    }

    private List<Member> describe() {
        try {
            ConsumerGroupDescription d = admin().describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(5, TimeUnit.SECONDS);
            List<Member> out = new ArrayList<>();
            for (MemberDescription member : d.members()) {
                peer(member.clientId()).ifPresent(peer -> out.add(new Member(member.clientId(), peer,
                        member.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(routedTopic))
                                .map(tp -> tp.partition()).toList())));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe the consumer group " + group + ": " + e, e);
        }
    }

    /** Metrics name the pipeline's Kafka clients without the URL: dashboards keep their series across addresses. */
    @jakarta.enterprise.inject.Produces
    @jakarta.inject.Singleton
    static io.micrometer.core.instrument.config.MeterFilter clientIdWithoutUrl() {
        return io.micrometer.core.instrument.config.MeterFilter.replaceTagValues("client.id", PeerDirectory::withoutUrl);
    }

    static String withoutUrl(String clientId) {
        int mark = clientId.indexOf("-pipeline" + URL_MARK);
        return mark < 0 ? clientId : clientId.substring(0, mark + "-pipeline".length());
    }

    /** The instance behind a pipeline consumer's client id; empty for a client of another kind. */
    static Optional<Peer> peer(String clientId) {
        int mark = clientId.indexOf("-pipeline" + URL_MARK);
        if (mark <= 0) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(clientId.substring(mark + "-pipeline".length() + URL_MARK.length()));
            return uri.getScheme() == null || uri.getHost() == null ? Optional.empty()
                    : Optional.of(new Peer(clientId.substring(0, mark), uri));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> config = new java.util.HashMap<>(kafka);
                    config.keySet().removeIf(k -> !org.apache.kafka.clients.admin.AdminClientConfig.configNames().contains(k));
                    config.put("client.id", instanceId + "-peers");
                    admin = Admin.create(config);
                }
                a = admin;
            }
        }
        return a;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(1));
        }
    }
}
