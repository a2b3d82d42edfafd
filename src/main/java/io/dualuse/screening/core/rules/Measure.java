package io.dualuse.screening.core.rules;

/** A destination, end-user or end-use measure, with the legal text it rests on. */
public record Measure(String id, String title, String legalBasis, String source, MeasureAction action,
                      Validity validity, Scope scope, boolean verified) {
}
