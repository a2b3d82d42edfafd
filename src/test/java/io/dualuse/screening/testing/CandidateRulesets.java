package io.dualuse.screening.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Candidate rulesets for previews: the shipped seed with one announcement more. */
public final class CandidateRulesets {

    private CandidateRulesets() {
    }

    /** The seed file as shipped. */
    public static String seed() {
        try (InputStream in = CandidateRulesets.class.getClassLoader().getResourceAsStream(Fixtures.SEED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The seed, renamed, with a measure more: every listed dual-use item to {@code country} is
     * held for an officer's review from {@code effectiveFrom}, licensed or not.
     */
    public static String seedWithReviewFor(String version, String country, String effectiveFrom) {
        String seed = seed();
        if (!seed.contains("\nmeasures:\n") || !seed.contains("version: CN-DU-2026.12.05")) {
            throw new IllegalStateException("the seed ruleset changed shape: update this fixture");
        }
        return seed.replace("version: CN-DU-2026.12.05", "version: " + version)
                .replace("\nmeasures:\n", """

                        measures:
                        - id: TEST-REVIEW-%1$s
                          title: 'Test announcement: every dual-use item to %1$s is reviewed'
                          legalBasis: 'test announcement'
                          source: PRC-DU-REGS
                          action: ENHANCED_REVIEW
                          effectiveFrom: %2$s
                          effectiveTo: null
                          suspensions: []
                          scope:
                            countries: [%1$s]
                            partyRoles: [FINAL_DESTINATION, SHIP_TO, CONSIGNEE, END_USER, INTERMEDIARY]
                            endUserTypes: []
                            endUseCategories: []
                            families: []
                            controlNumbers: []
                            transfers: [EXPORT_FROM_CN]
                          verified: true
                        """.formatted(country, effectiveFrom));
    }
}
