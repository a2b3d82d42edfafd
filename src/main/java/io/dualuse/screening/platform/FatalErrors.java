package io.dualuse.screening.platform;

import org.jboss.logging.Logger;

/**
 * What no thread of the service may survive. After an {@link OutOfMemoryError} any thread may have
 * died half-way (a state reader, the consumer heartbeat), leaving an instance that answers its
 * probes but no longer follows its topics: the process stops, so that the platform restarts it and
 * the partitions move on. The image also runs with {@code -XX:+ExitOnOutOfMemoryError}; this covers
 * a plain {@code java -jar}.
 */
public final class FatalErrors {

    private static final Logger LOG = Logger.getLogger(FatalErrors.class);
    /** Exit status of a halt on a fatal error. */
    public static final int EXIT_STATUS = 3;

    private FatalErrors() {
    }

    public static boolean isFatal(Throwable e) {
        return e instanceof VirtualMachineError; // OutOfMemoryError, InternalError, StackOverflowError...
    }

    /** Stops the process when {@code e} is fatal; otherwise returns. */
    public static void haltIfFatal(Throwable e, String where) {
        if (isFatal(e) && !(e instanceof StackOverflowError)) {
            try {
                LOG.fatalf("%s: %s; the process stops so that the platform restarts it", where, e);
            } finally {
                // not System.exit: shutdown hooks may need the memory that is gone, or wait on this thread
                Runtime.getRuntime().halt(EXIT_STATUS);
            }
        }
    }

    /** For threads that catch nothing: a fatal error in any of them stops the process. */
    static void install() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            haltIfFatal(e, "thread " + thread.getName());
            if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                LOG.errorf(e, "thread %s died", thread.getName());
            }
        });
    }
}
