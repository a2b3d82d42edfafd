package io.dualuse.screening.core.rules;

import java.time.LocalDate;

/** Where a rule comes from: the announcement a compliance officer cites to defend a decision. */
public record Source(String id, String title, LocalDate issuedOn, String url) {
}
