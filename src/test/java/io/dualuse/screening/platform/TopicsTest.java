package io.dualuse.screening.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Topics is the one place that names topics: the code and its configuration only refer to it. */
class TopicsTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern TOPIC_KEY = Pattern.compile("\"screening\\.topics\\.([a-z-]+)\"");

    @Test
    void noMainClassButTopicsSpellsATopicName() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : javaSources()) {
            if (f.endsWith(Path.of("platform", "Topics.java"))) {
                continue;
            }
            String text = Files.readString(f, StandardCharsets.UTF_8);
            for (String topic : Topics.ALL) {
                if (text.contains("\"" + topic + "\"")) {
                    found.add(MAIN.relativize(f) + " spells \"" + topic + "\"");
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void noMainClassReadsATopicKeyButThroughTheMapping() throws IOException {
        // a @ConfigProperty("screening.topics.x") would bypass the table's defaults and its key check
        List<String> read = new ArrayList<>();
        for (Path f : javaSources()) {
            Matcher m = TOPIC_KEY.matcher(Files.readString(f, StandardCharsets.UTF_8));
            while (m.find()) {
                read.add(MAIN.relativize(f) + " reads screening.topics." + m.group(1));
            }
        }
        assertThat(read).isEmpty();
    }

    @Test
    void namesKeysAndChannelsAreUnique() {
        assertThat(Topics.DEFINITIONS.stream().map(Topics.Topic::name)).doesNotHaveDuplicates();
        assertThat(Topics.DEFINITIONS.stream().map(Topics.Topic::key)).doesNotHaveDuplicates();
        assertThat(Topics.DEFINITIONS.stream().map(Topics.Topic::channel).filter(java.util.Objects::nonNull)).doesNotHaveDuplicates();
    }

    @Test
    void theConfigSourceGivesEveryKeyItsNameAndEveryChannelItsTopic() {
        TopicConfigSource source = new TopicConfigSource();
        for (Topics.Topic t : Topics.DEFINITIONS) {
            assertThat(source.getValue(t.configKey())).as(t.configKey()).isEqualTo(t.name());
            if (t.channel() != null) {
                assertThat(source.getValue("mp.messaging.outgoing." + t.channel() + ".topic")).isEqualTo("${" + t.configKey() + "}");
                assertThat(source.getValue("mp.messaging.outgoing." + t.channel() + ".value.serializer"))
                        .isEqualTo("io.dualuse.screening.wire.AvroSerializer");
            }
        }
        assertThat(Topics.COMPACTED).containsExactlyInAnyOrder(Topics.LICENSES, Topics.LICENSE_LEDGER, Topics.HOLDS_STATE,
                Topics.RULESETS, Topics.PARTIES, Topics.PARTY_FINDINGS);
        assertThat(Topics.partitions(Topics.RULESETS, 6)).isEqualTo(1);
        assertThat(Topics.partitions(Topics.PARTIES, 6)).isEqualTo(1);
        assertThat(Topics.partitions(Topics.ORDERS, 6)).isEqualTo(6);
        // below application.properties (250), the environment (300) and system properties (400)
        assertThat(source.getOrdinal()).isLessThan(100);
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
