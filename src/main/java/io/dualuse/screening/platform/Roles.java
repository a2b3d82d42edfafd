package io.dualuse.screening.platform;

/** The two roles: ops watch, compliance officers decide (licences, reviews, overrides). */
public final class Roles {

    public static final String OPS = "ops";
    public static final String OFFICER = "compliance-officer";

    private Roles() {
    }
}
