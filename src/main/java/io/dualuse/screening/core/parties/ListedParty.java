package io.dualuse.screening.core.parties;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One entity on one of MOFCOM's lists, as published: its names in each script (empty where not
 * published), aliases (own names, abbreviations, former names, Traditional forms), country,
 * announcement, dates and the status of its announcement's measures.
 *
 * @param statusFrom the day a CEASED status began; null otherwise
 * @param verified   false where the compilation is doubtful ({@code note} says why)
 */
public record ListedParty(String id, ListKind list, String announcement, LocalDate announced, LocalDate effective,
                          ListStatus status, LocalDate statusFrom, String nameZh, String nameEn, String nameJa,
                          List<String> aliases, String country, String legalBasis, boolean verified, String note) {

    public ListedParty {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Every name it is known by: the published names first, then the aliases. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (String n : List.of(nameEn, nameZh, nameJa)) {
            if (n != null && !n.isBlank()) {
                out.add(n);
            }
        }
        out.addAll(aliases);
        return out;
    }

    /** The name to show: English as published, else Chinese. */
    public String displayName() {
        return nameEn != null && !nameEn.isBlank() ? nameEn : nameZh;
    }

    /** How the listing stands on {@code day}. */
    public Standing on(LocalDate day) {
        if (day.isBefore(effective)) {
            return Standing.NOT_YET;
        }
        return switch (status) {
            case IN_FORCE -> Standing.IN_FORCE;
            case SUSPENDED -> Standing.UNCERTAIN;
            case CEASED -> statusFrom != null && day.isBefore(statusFrom) ? Standing.IN_FORCE : Standing.UNCERTAIN;
        };
    }

    public enum Standing {
        NOT_YET,
        IN_FORCE,
        /** Suspended, or ceased: an officer looks, the service does not decide. */
        UNCERTAIN
    }
}
