package io.dualuse.screening.core.rules;

import java.util.List;

/**
 * One controlled item of the dual-use catalog, as data: its control number, the reference customs
 * codes that point at it, the facts that confirm it ({@link Criteria}), the words that hint at it,
 * and the announcement that made it controlled. An entry whose control number encloses others'
 * ({@code 9A012} for {@code 9A012.a.1}) is their heading: declaring it, or a word that names the
 * whole heading, points at it.
 *
 * @param codeIsConclusive true only when everything under its 10-digit codes is the listed item;
 *                         otherwise a code hit without confirming facts is only "possibly controlled"
 */
public record CatalogEntry(String controlNumber, String description, String family, ItemType itemType,
                           String legalBasis, String source, Validity validity,
                           List<ReferenceCode> referenceCodes, boolean codeIsConclusive,
                           Criteria criteria, List<String> keywords, boolean verified) {

    public CatalogEntry {
        referenceCodes = List.copyOf(referenceCodes);
        keywords = List.copyOf(keywords);
        criteria = criteria == null ? Criteria.NONE : criteria;
    }

    /** The legal content thresholds (e.g. W &gt;= 97 %), shorthand for {@code criteria().composition()}. */
    public List<ContentCriterion> composition() {
        return criteria.composition();
    }
}
