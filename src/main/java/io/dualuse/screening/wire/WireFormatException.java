package io.dualuse.screening.wire;

/** Bytes that are not a record this service can read; {@code kind} goes into the dead-letter headers. */
public class WireFormatException extends RuntimeException {

    public enum Kind { UNDECODABLE, SCHEMA_MISMATCH }

    private final Kind kind;

    public WireFormatException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
