package io.dualuse.screening.bench;

import org.HdrHistogram.Histogram;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/** The REST side of the benchmark: the dry-run endpoint under an open-loop load, and the wait for readiness. */
final class RestLoad {

    private RestLoad() {
    }

    /**
     * The dry-run endpoint at a fixed rate, open loop: request i is due at {@code start + i / rate};
     * {@code rest-connections} threads each take every k-th request, each on its own keep-alive
     * connection, and a latency runs from the request's due time, so a stall is counted for every
     * request it delays (no coordinated omission). Asynchronous clients were tried first: the JDK
     * HttpClient's sendAsync queued for seconds inside the client, and Vert.x's left a few dozen
     * requests per run without an answer, while wrk measured the same service at about 1 ms.
     */
    static Histogram run(int port, int rate, int seconds, List<String> bodies, Map<String, String> args) throws Exception {
        String auth = BenchLogin.header(args);
        Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        // the first seconds warm the client and the endpoint (class loading, JIT, connections) and are not recorded
        int warm = rate * BenchArgs.intArg(args, "rest-warmup-seconds", 5);
        int n = warm + rate * seconds;
        int k = BenchArgs.intArg(args, "rest-connections", 16);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/screenings");
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < k; w++) {
            int first = w;
            // one client per worker: one connection each, reused request after request
            CloseableHttpClient client = HttpClients.custom().setMaxConnPerRoute(1).setMaxConnTotal(1)
                    .setDefaultRequestConfig(RequestConfig.custom().setSocketTimeout(10_000).build()).build();
            Thread worker = new Thread(() -> {
                try (client) {
                    for (int i = first; i < n; i += k) {
                        long due = start + i * interval;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait); // pacing the load at the fixed rate, not synchronising
                        }
                        HttpPost post = new HttpPost(uri);
                        post.setHeader("Authorization", auth);
                        post.setEntity(new StringEntity(bodies.get(i % bodies.size()), ContentType.APPLICATION_JSON));
                        try (CloseableHttpResponse resp = client.execute(post)) {
                            EntityUtils.consume(resp.getEntity());
                            if (resp.getStatusLine().getStatusCode() != 200) {
                                throw new IllegalStateException("HTTP " + resp.getStatusLine().getStatusCode());
                            }
                            if (i >= warm) {
                                synchronized (h) {
                                    h.recordValue(Math.max(1, (System.nanoTime() - due) / 1_000));
                                }
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, String.valueOf(e));
                        }
                    }
                } catch (java.io.IOException e) {
                    firstFailure.compareAndSet(null, String.valueOf(e));
                }
            }, "rest-load-" + w);
            worker.start();
            workers.add(worker);
        }
        for (Thread t : workers) {
            t.join();
        }
        System.out.printf("%-28s at %d req/s: p50 %s ms, p99 %s ms, p99.9 %s ms, %d failed%n", "REST dry run", rate,
                Report.ms(h, 50), Report.ms(h, 99), Report.ms(h, 99.9), failures.get());
        if (failures.get() > 0) {
            throw new IllegalStateException("REST dry run: " + failures.get() + " request(s) failed, first: " + firstFailure.get());
        }
        return h;
    }

    static void awaitReady(int port) throws Exception {
        awaitReady(port, 90);
    }

    static void awaitReady(int port, int seconds) throws Exception {
        awaitReady(port, seconds, null);
    }

    /** The same, failing at once when {@code process} (when given) has ended. */
    static void awaitReady(int port, int seconds, Process process) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("the service ended (exit " + process.exitValue() + ") before it was ready; see its log in bench/results/");
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        throw new IllegalStateException("service not ready within " + seconds + " s; see its log in bench/results/");
    }
}
