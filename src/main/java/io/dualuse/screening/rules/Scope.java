package io.dualuse.screening.rules;

import io.dualuse.screening.order.EndUseCategory;
import io.dualuse.screening.order.EndUserType;
import io.dualuse.screening.order.PartyRole;

import java.util.Set;

/**
 * Which orders and items a measure applies to. Empty sets mean "any". When both end-user types
 * and end-use categories are given, an order matches if either matches: a military end user with
 * a "civil" end use is still a military end user.
 */
public record Scope(Set<String> countries, Set<PartyRole> partyRoles, Set<EndUserType> endUserTypes,
                    Set<EndUseCategory> endUseCategories, Set<String> families, Set<String> controlNumbers,
                    Set<Transfer> transfers) {

    /**
     * Which movements a measure governs: exports from China (the default), and re-exports of
     * PRC-origin items from anywhere, which some measures (Japan, No. 1 of 2026) reach explicitly.
     */
    public enum Transfer { EXPORT_FROM_CN, REEXPORT_PRC_ORIGIN }

    public Scope {
        transfers = transfers.isEmpty() ? Set.of(Transfer.EXPORT_FROM_CN) : Set.copyOf(transfers);
        countries = Set.copyOf(countries);
        partyRoles = partyRoles.isEmpty() ? Set.of(PartyRole.values()) : Set.copyOf(partyRoles);
        endUserTypes = Set.copyOf(endUserTypes);
        endUseCategories = Set.copyOf(endUseCategories);
        families = Set.copyOf(families);
        controlNumbers = Set.copyOf(controlNumbers);
    }

    public boolean coversItem(CatalogEntry entry) {
        if (families.isEmpty() && controlNumbers.isEmpty()) {
            return true;
        }
        return families.contains(entry.family()) || controlNumbers.contains(entry.controlNumber());
    }

    public boolean coversEndUse(EndUserType userType, EndUseCategory category) {
        boolean anyUser = endUserTypes.isEmpty();
        boolean anyUse = endUseCategories.isEmpty();
        if (anyUser && anyUse) {
            return true;
        }
        return (!anyUser && endUserTypes.contains(userType)) || (!anyUse && endUseCategories.contains(category));
    }
}
