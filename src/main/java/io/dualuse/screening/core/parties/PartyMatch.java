package io.dualuse.screening.core.parties;

/**
 * A party of an order that is, or may be, a listed entity.
 *
 * @param partyName  the name as the order gives it
 * @param listedName the name of the entry it matched (a published name or an alias)
 * @param score      0..1; {@code confident} at or above {@link PartyLists#CONFIDENT}
 */
public record PartyMatch(ListedParty entry, String partyName, String listedName, double score, boolean confident) {
}
