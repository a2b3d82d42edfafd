package io.dualuse.screening.core.parties;

/**
 * Officers' findings that a party name is not a listed entity: a possible or even a confident match
 * that an officer has ruled out for one entry is not held again for that entry. Matched on the
 * name as the service compares it ({@link PartyNames#key()}), so other spellings of the same name
 * are covered; another name, or another entry, is screened as usual.
 */
public interface PartyFindings {

    /** The finding, if any, that {@code partyName} is not the entry {@code entryId}. */
    java.util.Optional<Finding> notListed(String entryId, String partyName);

    /** Who found what, and why: cited in every decision the finding clears. */
    record Finding(String entryId, String partyName, String reason, String recordedBy, java.time.Instant recordedAt) {
    }

    PartyFindings NONE = (entryId, partyName) -> java.util.Optional.empty();
}
