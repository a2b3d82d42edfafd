package io.dualuse.screening.rules;

import java.util.List;

/**
 * One controlled item of the dual-use catalog, as data: its control number, the reference customs
 * codes that point at it, the facts that confirm it (content criteria), the words that hint at it,
 * and the announcement that made it controlled.
 *
 * @param codeIsConclusive true only when everything under its 10-digit codes is the listed item;
 *                         otherwise a code hit without confirming facts is only "possibly controlled"
 */
public record CatalogEntry(String controlNumber, String description, String family, ItemType itemType,
                           String legalBasis, String source, Validity validity,
                           List<ReferenceCode> referenceCodes, boolean codeIsConclusive,
                           List<ContentCriterion> composition, List<String> keywords, boolean verified) {

    public CatalogEntry {
        referenceCodes = List.copyOf(referenceCodes);
        composition = List.copyOf(composition);
        keywords = List.copyOf(keywords);
    }
}
