package io.dualuse.screening.platform;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one mapping of screening.*: its defaults, the topic table underneath, and the environment over everything. */
class ScreeningConfigTest {

    private static ScreeningConfig config(Map<String, String> properties, Map<String, String> environment) {
        SmallRyeConfig c = new SmallRyeConfigBuilder().withMapping(ScreeningConfig.class)
                .withSources(new TopicConfigSource())
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
        return c.getConfigMapping(ScreeningConfig.class);
    }

    @Test
    void defaultsWorkWithOnlyAnInstanceId() {
        ScreeningConfig c = config(Map.of("screening.instance-id", "a"), Map.of());
        assertThat(c.delivery()).isEqualTo("exactly-once");
        assertThat(c.pipeline().maxRecordBytes()).isEqualTo(1_000_000);
        assertThat(c.exportDate().maxPastDays()).isEqualTo(7);
        assertThat(c.calendar().checkEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.security().demoUsers().allowInProd()).isFalse();
        assertThat(c.security().officerRoles()).containsExactly(Roles.OFFICER);
        assertThat(c.wireKeys()).containsEntry("screening.wire.format", "single-object");
        for (Topics.Topic t : Topics.DEFINITIONS) {
            assertThat(c.topic(t.name())).as(t.key()).isEqualTo(t.name());
        }
    }

    @Test
    void kafkaClientSettingsKeepTheirDottedNames() {
        ScreeningConfig c = config(Map.of("screening.instance-id", "a", "screening.pipeline.producer.linger.ms", "5",
                "screening.pipeline.consumer.max.poll.records", "500"), Map.of());
        assertThat(c.pipeline().producer()).containsExactlyEntriesOf(Map.of("linger.ms", "5"));
        assertThat(c.pipeline().consumer()).containsExactlyEntriesOf(Map.of("max.poll.records", "500"));
    }

    @Test
    void theEnvironmentOverridesPropertiesAndTheTopicTable() {
        ScreeningConfig c = config(Map.of("screening.instance-id", "a", "screening.pipeline.max-record-bytes", "2000"),
                Map.of("SCREENING_PIPELINE_MAX_RECORD_BYTES", "3000", "SCREENING_TOPICS_ORDERS", "acme.orders.v2",
                        "SCREENING_INSTANCE_ID", "pod-7"));
        assertThat(c.pipeline().maxRecordBytes()).isEqualTo(3000);
        assertThat(c.topic(Topics.ORDERS)).isEqualTo("acme.orders.v2");
        assertThat(c.topic(Topics.DECISIONS)).isEqualTo(Topics.DECISIONS);
        assertThat(c.instanceId()).isEqualTo("pod-7");
    }

    @Test
    void anUnknownScreeningKeyStopsTheStart() {
        // a misspelt key would otherwise be ignored silently
        assertThatThrownBy(() -> config(Map.of("screening.instance-id", "a", "screening.pipeline.max-record-byte", "1"), Map.of()))
                .hasMessageContaining("screening.pipeline.max-record-byte");
    }
}
