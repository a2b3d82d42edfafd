package io.dualuse.screening.api;

import io.dualuse.screening.core.order.Violation;

import java.util.List;

/** The body of every HTTP 400: what was wrong, field by field. */
public record ViolationResponse(String error, List<Violation> violations) {
}
