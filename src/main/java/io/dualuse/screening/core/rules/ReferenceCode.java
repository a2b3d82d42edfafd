package io.dualuse.screening.core.rules;

/**
 * A reference customs code of a catalog entry: 10 digits match exactly, 6 or 8 digits match every
 * code that starts with them. {@code verified} is false where the public text could not confirm it.
 * {@code conclusive} is true when everything declared under this 10-digit code is the entry's item
 * (ammonium paratungstate has a code of its own; 3824999923 is shared by several tungsten items).
 */
public record ReferenceCode(String code, boolean verified, String note, boolean conclusive) {

    public ReferenceCode(String code, boolean verified, String note) {
        this(code, verified, note, false);
    }
}
