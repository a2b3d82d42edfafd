package io.dualuse.screening.rules;

/**
 * A reference customs code of a catalog entry: 10 digits match exactly, 6 or 8 digits match every
 * code that starts with them. {@code verified} is false where the public text could not confirm it.
 */
public record ReferenceCode(String code, boolean verified, String note) {
}
