package io.dualuse.screening.ops;

import io.dualuse.screening.order.Violation;

import java.util.List;

/** The body of every HTTP 400: what was wrong, field by field. */
public record ViolationResponse(String error, List<Violation> violations) {
}
