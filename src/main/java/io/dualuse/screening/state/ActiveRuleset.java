package io.dualuse.screening.state;

import io.dualuse.screening.core.parties.PartyListLoader;
import io.dualuse.screening.core.parties.PartyLists;
import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.core.rules.RulesetLoader;
import io.dualuse.screening.core.screening.Screener;
import io.dualuse.screening.core.screening.ScreeningPolicy;
import io.dualuse.screening.platform.ScreeningConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Period;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ruleset in force: the configured one (file or seed) until {@link RulesetActivations} has read
 * the ruleset topic; the service does not start without a valid one. {@link #activate} swaps it
 * atomically, so an in-flight screening finishes on the ruleset it began with.
 */
@Startup
@ApplicationScoped
public class ActiveRuleset {

    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);

    private final AtomicReference<Screener> screener = new AtomicReference<>();
    private final ScreeningPolicy policy;
    private final Clock clock;
    private final RulesetLoader.Loaded configured;
    private final PartyLists parties;

    @jakarta.inject.Inject
    public ActiveRuleset(ScreeningConfig config, Clock clock) {
        this(config.ruleset().path(), config.ruleset().resource(), config.ruleset().maxAgeDays(),
                config.exportDate().maxPastDays(), clock, partyLists(config.parties().path()));
    }

    public ActiveRuleset(Optional<String> path, String resource, int maxAgeDays, int maxPastDays, Clock clock) {
        this(path, resource, maxAgeDays, maxPastDays, clock, PartyListLoader.bundled());
    }

    public ActiveRuleset(Optional<String> path, String resource, int maxAgeDays, int maxPastDays, Clock clock, PartyLists parties) {
        this.clock = clock;
        this.parties = parties;
        this.policy = new ScreeningPolicy(Period.ofDays(maxAgeDays), maxPastDays < 0 ? null : Period.ofDays(maxPastDays));
        RulesetLoader loader = new RulesetLoader();
        this.configured = path.map(p -> loader.loadWithText(Path.of(p))).orElseGet(() -> loader.loadResourceWithText(resource));
        activate(configured.ruleset());
    }

    /** The configured party lists: a file, or the lists that ship in the jar. */
    private static PartyLists partyLists(Optional<String> path) {
        PartyLists lists = path.map(p -> {
            try {
                return PartyListLoader.load(java.nio.file.Files.readAllBytes(Path.of(p)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("screening.parties.path=" + p + ": " + e.getMessage(), e);
            }
        }).orElseGet(PartyListLoader::bundled);
        LOG.infof("party lists %s: %d listed entities", lists.version(), lists.size());
        return lists;
    }

    /** The ruleset this instance was configured with, and its file's text. */
    public RulesetLoader.Loaded configured() {
        return configured;
    }

    public Screener screener() {
        return screener.get();
    }

    public void activate(Ruleset ruleset) {
        screener.set(new Screener(ruleset, policy, clock, parties));
        LOG.infof("ruleset %s active (%d catalog entries, %d measures, sha256 %s, from %s)", ruleset.version(),
                ruleset.catalog().size(), ruleset.measures().size(), ruleset.contentHash(), ruleset.origin());
    }
}
