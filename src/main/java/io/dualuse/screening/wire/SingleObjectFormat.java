package io.dualuse.screening.wire;

import org.apache.avro.specific.SpecificRecord;

/** Avro single-object encoding through {@link AvroCodec}: the default, no registry involved. */
final class SingleObjectFormat implements WireFormat {

    static final SingleObjectFormat INSTANCE = new SingleObjectFormat();

    private SingleObjectFormat() {
    }

    @Override
    public boolean isSingleObject() {
        return true;
    }

    @Override
    public byte[] encode(SpecificRecord record) {
        return AvroCodec.instance().encode(record);
    }

    @Override
    public SpecificRecord decode(byte[] bytes) {
        return AvroCodec.instance().decode(bytes);
    }

    @Override
    public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        return AvroCodec.instance().decode(bytes, type);
    }

    @Override
    public String toString() {
        return "Avro single-object encoding (no registry)";
    }
}
