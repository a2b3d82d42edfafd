package io.dualuse.screening.core.order;

import java.util.List;

/**
 * An order record that cannot be screened. {@code code} is UNDECODABLE, SCHEMA_MISMATCH or
 * CONTRACT_VIOLATION; the violations name each bad field. The message becomes the dead-letter reason.
 */
public class InvalidOrderException extends RuntimeException {

    private final String code;
    private final List<Violation> violations;

    public InvalidOrderException(String code, String message, List<Violation> violations) {
        super(message);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public static InvalidOrderException contract(List<Violation> violations) {
        StringBuilder sb = new StringBuilder("order violates the contract: ");
        for (int i = 0; i < violations.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(violations.get(i).field()).append(' ').append(violations.get(i).message());
        }
        return new InvalidOrderException("CONTRACT_VIOLATION", sb.toString(), violations);
    }

    public String code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The first bad field, for the dead-letter header. */
    public String field() {
        return violations.isEmpty() ? "value" : violations.get(0).field();
    }
}
