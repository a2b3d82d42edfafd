package io.dualuse.screening.core.rules;

import java.util.List;

/** A ruleset that must not be used; each problem names the file, the entry and the field. */
public class RulesetException extends RuntimeException {

    private final List<String> problems;

    public RulesetException(String origin, List<String> problems) {
        super("Ruleset " + origin + " refused (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
