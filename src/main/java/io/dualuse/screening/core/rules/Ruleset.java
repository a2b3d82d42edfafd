package io.dualuse.screening.core.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A complete, validated set of rules. {@code version} is what the compliance team calls it,
 * {@code contentHash} (SHA-256 of the file) is what makes a decision reproducible years later.
 */
public record Ruleset(String version, String contentHash, LocalDate publishedAt, String origin,
                      Map<String, Source> sources, List<CatalogEntry> catalog, List<Measure> measures,
                      RedFlags redFlags) {

    public Ruleset {
        sources = Map.copyOf(sources);
        catalog = List.copyOf(catalog);
        measures = List.copyOf(measures);
    }
}
