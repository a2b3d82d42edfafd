package io.dualuse.screening.pipeline;

import io.dualuse.screening.pipeline.ScreeningPipeline.State;
import io.dualuse.screening.state.CompactedTopicTail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The order pipeline's health: ready once it reads (partitions assigned, their state read) and while
 * its batches commit; not live once it, or a reader of a state topic, has failed for good, so that
 * the platform restarts the instance and its partitions move on.
 */
@ApplicationScoped
public class PipelineHealthCheck {

    private final ScreeningPipeline pipeline;

    public PipelineHealthCheck(ScreeningPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        // a batch that aborts again and again makes no progress: no traffic should be sent here
        return () -> response(pipeline.state() == State.RUNNING && !pipeline.stalled());
    }

    @Produces
    @Liveness
    HealthCheck live() {
        // restoring state can take a while on a big topic: that is not a reason to restart
        return () -> response(pipeline.state() != State.FAILED);
    }

    /** Liveness of the state topics' readers: licences, ledger, open holds, rulesets. */
    @Produces
    @Liveness
    HealthCheck stateReaders() {
        return () -> {
            var failed = CompactedTopicTail.failed();
            var response = HealthCheckResponse.named("state-readers");
            failed.forEach(response::withData);
            return response.status(failed.isEmpty()).build();
        };
    }

    private HealthCheckResponse response(boolean up) {
        var response = HealthCheckResponse.named("order-pipeline")
                .withData("state", pipeline.state().name())
                .withData("delivery", pipeline.delivery().name())
                .withData("consecutiveAborts", pipeline.consecutiveAborts());
        if (pipeline.failure() != null) {
            response.withData("failure", String.valueOf(pipeline.failure()));
        }
        return response.status(up).build();
    }
}
