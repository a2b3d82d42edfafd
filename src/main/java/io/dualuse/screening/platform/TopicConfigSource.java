package io.dualuse.screening.platform;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link Topics} as configuration defaults: {@code screening.topics.<key>} with each topic's default
 * name, and for each topic written through an outgoing channel, that channel's connector, topic
 * (following the key, so a renamed topic is renamed everywhere), serializers and acknowledgements.
 * Its ordinal is below application.properties, environment variables and system properties, so
 * any of them overrides any of these.
 */
public class TopicConfigSource implements ConfigSource {

    private static final Map<String, String> PROPERTIES = properties();

    private static Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        for (Topics.Topic t : Topics.DEFINITIONS) {
            p.put(t.configKey(), t.name());
            if (t.channel() != null) {
                String c = "mp.messaging.outgoing." + t.channel() + ".";
                p.put(c + "connector", "smallrye-kafka");
                p.put(c + "topic", "${" + t.configKey() + "}");
                p.put(c + "key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
                p.put(c + "value.serializer", "io.dualuse.screening.wire.AvroSerializer");
                // decisions and state leave one at a time, outside any batch: each waits for all replicas
                p.put(c + "acks", "all");
                p.put(c + "linger.ms", "0");
            }
        }
        return Map.copyOf(p);
    }

    @Override
    public Map<String, String> getProperties() {
        return PROPERTIES;
    }

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "screening-topics";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
