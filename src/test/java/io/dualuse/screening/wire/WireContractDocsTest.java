package io.dualuse.screening.wire;

import io.dualuse.screening.platform.Topics;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's table of fingerprints is what a client in another language frames its records with:
 * each must be the CRC-64-AVRO fingerprint of the schema's parsing canonical form, little-endian,
 * and what the service writes.
 */
class WireContractDocsTest {

    @Test
    void theReadmeListsEverySchemasFingerprintInWireOrder() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Topics.DEFINITIONS.stream().map(Topics.Topic::values).filter(Objects::nonNull).distinct().forEach(type -> {
            @SuppressWarnings("unchecked")
            Class<? extends SpecificRecord> record = (Class<? extends SpecificRecord>) type;
            long fingerprint = SchemaNormalization.parsingFingerprint64(SpecificData.get().getSchema(record));
            String wire = HexFormat.of().formatHex(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array());
            assertThat(HexFormat.of().formatHex(AvroCodec.instance().header(record), 2, 10)).as(record.getSimpleName()).isEqualTo(wire);
            assertThat(readme).as("README, Topics: the row of " + record.getSimpleName())
                    .contains("| `" + record.getSimpleName() + "` | `" + wire + "` |");
        });
    }
}
