package io.dualuse.screening.peers;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline consumer's client id carries the instance's URL; only such ids are instances. */
class PeerDirectoryTest {

    @Test
    void anInstanceIsFoundFromItsPipelineClientIdAndNothingElseIs() {
        assertThat(PeerDirectory.peer("pod-7f-pipeline@http://10.1.2.3:8080"))
                .contains(new PeerDirectory.Peer("pod-7f", URI.create("http://10.1.2.3:8080")));
        assertThat(PeerDirectory.peer("a-pipeline-b-pipeline@https://screening-1.screening:8443"))
                .contains(new PeerDirectory.Peer("a-pipeline-b", URI.create("https://screening-1.screening:8443")));
        assertThat(PeerDirectory.peer("pod-7f-pipeline@http://[fd00::12]:8080"))
                .contains(new PeerDirectory.Peer("pod-7f", URI.create("http://[fd00::12]:8080")));
        assertThat(PeerDirectory.peer("pod-7f-pipeline")).as("an instance of a version before URLs").isEmpty();
        assertThat(PeerDirectory.peer("consumer-export-screening-1")).isEmpty();
        assertThat(PeerDirectory.peer("x-pipeline@not a url")).isEmpty();
        assertThat(PeerDirectory.peer("x-pipeline@/relative")).isEmpty();
    }

    @Test
    void metricsKeepTheClientIdWithoutTheUrl() {
        assertThat(PeerDirectory.withoutUrl("pod-7f-pipeline@http://10.1.2.3:8080")).isEqualTo("pod-7f-pipeline");
        assertThat(PeerDirectory.withoutUrl("kafka-producer-holds")).isEqualTo("kafka-producer-holds");
    }
}
