package io.dualuse.screening.rescreen;

import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.state.ActiveRuleset;
import io.dualuse.screening.state.OpenHolds;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the calendar for the days on which the rules in force change by themselves: a measure or
 * a control starts or ends, a suspension starts or ends, the ruleset becomes stale. When one has
 * come since the last look, the open holds and released orders not yet shipped are screened again
 * ({@link Rescreener}): no restart and no new ruleset needed. An order held with
 * an export date that has passed is then judged under the rules of the new day too.
 */
@ApplicationScoped
public class RulesCalendarWatch {

    private static final Logger LOG = Logger.getLogger(RulesCalendarWatch.class);

    private final ActiveRuleset rules;
    private final OpenHolds holds;
    private final Rescreener rescreener;
    private final Clock clock;
    private final Duration every;
    private LocalDate lastSeen;
    private ScheduledExecutorService timer;

    public RulesCalendarWatch(ActiveRuleset rules, OpenHolds holds, Rescreener rescreener, Clock clock,
                              ScreeningConfig config) {
        Duration every = config.calendar().checkEvery();
        this.rules = rules;
        this.holds = holds;
        this.rescreener = rescreener;
        this.clock = clock;
        this.every = every;
        this.lastSeen = LocalDate.now(clock);
    }

    void start(@Observes StartupEvent start) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rules-calendar");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                look();
            } catch (RuntimeException e) {
                LOG.errorf(e, "screening open holds again on a rules change day failed; next look in %s", every);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /**
     * Looks at the calendar once: when a day on which the rules change has come since the last
     * look, screens the open holds and released orders again and returns that day; otherwise null.
     * Nothing is done before this instance has read the open holds of its first partitions: a change
     * seen earlier would be passed over for them.
     */
    public synchronized LocalDate look() {
        if (!holds.ready().isDone()) {
            return null;
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate changed = rules.screener().calendar().changeAfter(lastSeen, today);
        if (changed != null) {
            int n = rescreener.rescreen(holds.ownedHoldsAndReleases(), "the rules in force change on " + changed, null)
                    .toCompletableFuture().join();
            LOG.infof("the rules in force changed on %s: open holds and released orders screened again, %d decision(s) changed",
                    changed, n);
        }
        lastSeen = today;
        return changed;
    }
}
