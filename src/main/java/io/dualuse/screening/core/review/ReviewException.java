package io.dualuse.screening.core.review;

/** A review that cannot be recorded, and why; the HTTP API turns {@link Kind} into a status. */
public class ReviewException extends RuntimeException {

    public enum Kind {
        /** The order has no open hold. */
        NO_OPEN_HOLD,
        /** The review itself is incomplete (no reason, no reviewer). */
        INCOMPLETE,
        /** The review contradicts the rules' decision without saying so (a REJECT released without override). */
        NEEDS_OVERRIDE
    }

    private final Kind kind;

    public ReviewException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
