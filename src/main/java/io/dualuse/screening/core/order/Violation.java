package io.dualuse.screening.core.order;

/** One way an order breaks the contract: the field's path (e.g. {@code lines[2].quantity}) and why. */
public record Violation(String field, String message) {
}
