package io.dualuse.screening.wire;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;

/**
 * Fills the fields a JSON body left out with their schema defaults (empty lists, nulls), the way an
 * Avro decoder would. Records built by Jackson through setters skip Avro's defaults otherwise.
 */
public final class AvroDefaults {

    private AvroDefaults() {
    }

    public static <T extends SpecificRecord> T fill(T record) {
        if (record == null) {
            return null;
        }
        for (Schema.Field f : record.getSchema().getFields()) {
            Object value = record.get(f.pos());
            if (value == null && f.hasDefaultValue()) {
                record.put(f.pos(), SpecificData.get().deepCopy(f.schema(), SpecificData.get().getDefaultValue(f)));
            } else if (value instanceof SpecificRecord nested) {
                fill(nested);
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof SpecificRecord nested) {
                        fill(nested);
                    }
                }
            }
        }
        return record;
    }
}
