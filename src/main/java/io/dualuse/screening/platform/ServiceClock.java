package io.dualuse.screening.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock the service reads "today" from (stale rulesets, back-dated orders, the days the rules
 * change on), so that a test can move it instead of waiting for a date.
 */
@ApplicationScoped
public class ServiceClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
