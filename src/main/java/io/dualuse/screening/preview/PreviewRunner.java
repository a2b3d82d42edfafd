package io.dualuse.screening.preview;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The thread previews run on: one, so that a preview takes at most one of the instance's cores
 * from the pipeline. Started at the first preview; stopped, interrupting a running one, at shutdown.
 */
@ApplicationScoped
public class PreviewRunner implements Executor {

    private ExecutorService thread;

    @Override
    public synchronized void execute(Runnable job) {
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ruleset-preview");
                t.setDaemon(true);
                return t;
            });
        }
        thread.execute(job);
    }

    synchronized void stop(@Observes ShutdownEvent ignored) {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
