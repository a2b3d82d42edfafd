package io.dualuse.screening.wire;

/**
 * Avro's decoder allocates a string, byte array or collection at the length the record claims,
 * before reading it; its default limits are 2 GB. A 20-byte record claiming a 1 GB description was
 * enough to kill an instance, and again after each restart. These limits are Avro's own system
 * properties, read once when Avro first checks one, so they are set before any record is decoded:
 * at the start of {@code main} and when {@link AvroCodec} is first used. A value given on the
 * command line ({@code -Dorg.apache.avro.limits...}) wins.
 */
public final class AvroLimits {

    /** The largest string or byte array in any of the service's records: a ruleset's YAML is the largest, about 0.75 MB. */
    public static final int MAX_STRING_BYTES = 8 * 1024 * 1024;
    /** The most items of any array or map: an order has at most 1,000 lines. */
    public static final int MAX_COLLECTION_ITEMS = 100_000;

    static final String STRING = "org.apache.avro.limits.string.maxLength";
    static final String BYTES = "org.apache.avro.limits.bytes.maxLength";
    static final String COLLECTION = "org.apache.avro.limits.collectionItems.maxLength";

    private AvroLimits() {
    }

    public static void apply() {
        setIfAbsent(STRING, MAX_STRING_BYTES);
        setIfAbsent(BYTES, MAX_STRING_BYTES);
        setIfAbsent(COLLECTION, MAX_COLLECTION_ITEMS);
    }

    private static void setIfAbsent(String key, int value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, Integer.toString(value));
        }
    }
}
