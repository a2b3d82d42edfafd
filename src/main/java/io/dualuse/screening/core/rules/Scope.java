package io.dualuse.screening.core.rules;

import io.dualuse.screening.core.order.EndUseCategory;
import io.dualuse.screening.core.order.EndUserType;
import io.dualuse.screening.core.order.PartyRole;

import java.math.BigDecimal;
import java.util.Set;

/**
 * Which orders and items a measure applies to. Empty sets mean "any". When both end-user types
 * and end-use categories are given, an order matches if either matches: a military end user with
 * a "civil" end use is still a military end user. An end-user type is matched on every party that
 * declares one (end user, consignee, intermediaries) located in one of {@code countries}; an
 * end-use category on the order's declared end use with a party of the order in {@code countries}.
 *
 * @param exceptFamilies    item families the measure does not reach even when it names no items (the
 *                          general licence requirement leaves the precursors licensed for three countries only)
 * @param prcContentPercent for {@link Transfer#FOREIGN_MADE_PRC_CONTENT}: the share of a foreign-made
 *                          item's value that PRC-origin controlled content must reach (No. 61 of 2025: 0.1)
 */
public record Scope(Set<String> countries, Set<PartyRole> partyRoles, Set<EndUserType> endUserTypes,
                    Set<EndUseCategory> endUseCategories, Set<String> families, Set<String> exceptFamilies,
                    Set<String> controlNumbers, Set<Transfer> transfers, BigDecimal prcContentPercent) {

    /**
     * Which movements a measure governs: exports from China (the default); re-exports of PRC-origin
     * items from anywhere, which some measures (Japan, No. 1 of 2026) reach explicitly; and exports
     * from abroad of foreign-made items containing PRC-origin controlled content (No. 61 of 2025).
     */
    public enum Transfer { EXPORT_FROM_CN, REEXPORT_PRC_ORIGIN, FOREIGN_MADE_PRC_CONTENT }

    public Scope {
        transfers = transfers.isEmpty() ? Set.of(Transfer.EXPORT_FROM_CN) : Set.copyOf(transfers);
        countries = Set.copyOf(countries);
        partyRoles = partyRoles.isEmpty() ? Set.of(PartyRole.values()) : Set.copyOf(partyRoles);
        endUserTypes = Set.copyOf(endUserTypes);
        endUseCategories = Set.copyOf(endUseCategories);
        families = Set.copyOf(families);
        exceptFamilies = Set.copyOf(exceptFamilies);
        controlNumbers = Set.copyOf(controlNumbers);
    }

    /**
     * True when the measure reaches the entry: it names no items (every catalog entry), or the entry's
     * family, or its control number or a heading enclosing it.
     */
    public boolean coversItem(CatalogEntry entry) {
        if (exceptFamilies.contains(entry.family())) {
            return false;
        }
        if (families.isEmpty() && controlNumbers.isEmpty()) {
            return true;
        }
        if (families.contains(entry.family()) || controlNumbers.contains(entry.controlNumber())) {
            return true;
        }
        for (String cn : controlNumbers) {
            if (ControlNumber.encloses(cn, entry.controlNumber())) {
                return true;
            }
        }
        return false;
    }

    /** True when the measure looks at who uses the goods or what for, not only where they go. */
    public boolean looksAtEndUse() {
        return !endUserTypes.isEmpty() || !endUseCategories.isEmpty();
    }
}
