package io.dualuse.screening.state;

import io.dualuse.screening.core.parties.PartyFindings;
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
    /** The party lists this instance was configured with (a file, or the bundled ones), and their bytes. */
    private final byte[] configuredPartiesCsv;
    private final PartyLists configuredParties;
    private final boolean partiesFromFile;
    /** The lists in force: the configured ones until the party-list topic says otherwise. */
    private volatile PartyLists parties;

    /** Officers' findings that a party is not a listed entity: read by every screener as they change. */
    private final PartyFindings findings;

    @jakarta.inject.Inject
    public ActiveRuleset(ScreeningConfig config, Clock clock, PartyFindingBook findings) {
        this(config.ruleset().path(), config.ruleset().resource(), config.ruleset().maxAgeDays(),
                config.exportDate().maxPastDays(), clock, config.parties().path(), findings);
    }

    public ActiveRuleset(Optional<String> path, String resource, int maxAgeDays, int maxPastDays, Clock clock) {
        this(path, resource, maxAgeDays, maxPastDays, clock, Optional.empty(), PartyFindings.NONE);
    }

    public ActiveRuleset(Optional<String> path, String resource, int maxAgeDays, int maxPastDays, Clock clock,
                         Optional<String> partiesPath, PartyFindings findings) {
        this.clock = clock;
        this.findings = findings;
        this.partiesFromFile = partiesPath.isPresent();
        this.configuredPartiesCsv = partyListBytes(partiesPath);
        this.configuredParties = PartyListLoader.load(configuredPartiesCsv);
        this.parties = configuredParties;
        LOG.infof("party lists %s: %d listed entities (%s)", parties.version(), parties.size(),
                partiesPath.orElse("shipped with the service"));
        this.policy = new ScreeningPolicy(Period.ofDays(maxAgeDays), maxPastDays < 0 ? null : Period.ofDays(maxPastDays));
        RulesetLoader loader = new RulesetLoader();
        this.configured = path.map(p -> loader.loadWithText(Path.of(p))).orElseGet(() -> loader.loadResourceWithText(resource));
        activate(configured.ruleset());
    }

    private static byte[] partyListBytes(Optional<String> path) {
        try {
            if (path.isPresent()) {
                return java.nio.file.Files.readAllBytes(Path.of(path.get()));
            }
            try (java.io.InputStream in = ActiveRuleset.class.getClassLoader().getResourceAsStream(PartyListLoader.BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException(PartyListLoader.BUNDLED + " is not on the classpath");
                }
                return in.readAllBytes();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("screening.parties.path=" + path.orElse("") + ": " + e.getMessage(), e);
        }
    }

    public PartyLists configuredParties() {
        return configuredParties;
    }

    public byte[] configuredPartiesCsv() {
        return configuredPartiesCsv.clone();
    }

    public boolean partiesFromFile() {
        return partiesFromFile;
    }

    /** Puts other party lists in force, with the ruleset in force. */
    public synchronized void useParties(PartyLists lists) {
        parties = lists;
        screener.set(screener.get().withParties(lists));
    }

    /** The ruleset this instance was configured with, and its file's text. */
    public RulesetLoader.Loaded configured() {
        return configured;
    }

    public Screener screener() {
        return screener.get();
    }

    /** The screener in force and one for a candidate ruleset that differs from it in the ruleset only. */
    public record Shadow(Screener inForce, Screener candidate) {
    }

    /** For a preview: the candidate with the party lists, officers' findings, policy and clock in force. */
    public synchronized Shadow shadow(Ruleset candidate) {
        Screener now = screener.get();
        return new Shadow(now, new Screener(candidate, policy, clock, now.parties(), findings));
    }

    public synchronized void activate(Ruleset ruleset) {
        screener.set(new Screener(ruleset, policy, clock, parties, findings));
        LOG.infof("ruleset %s active (%d catalog entries, %d measures, sha256 %s, from %s)", ruleset.version(),
                ruleset.catalog().size(), ruleset.measures().size(), ruleset.contentHash(), ruleset.origin());
    }
}
