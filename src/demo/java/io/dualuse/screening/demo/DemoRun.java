package io.dualuse.screening.demo;

import io.dualuse.screening.platform.Topics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one-command run ({@code ./mvnw -Prun}): starts a real single-node KRaft broker in this JVM,
 * creates the topics, sends the demo licences and orders, then runs the packaged service (the same
 * jar the image ships) against that broker as a child process whose output is this one's. The
 * demo's logins are turned on for it; the service itself knows nothing of the demo.
 *
 * <pre>java -cp &lt;test classpath&gt; io.dualuse.screening.demo.DemoRun [service jar] [-Dkey=value ...]</pre>
 * Extra {@code -D} arguments go to the service. Stopping this process stops both.
 */
public final class DemoRun {

    private DemoRun() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 && !args[0].startsWith("-D") ? args[0] : "target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            System.err.println("no service jar at " + jar + ": build it first (./mvnw -Prun does)");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        EmbeddedBroker broker = EmbeddedBroker.start(3);
        Topics.create(broker.bootstrapServers(), 3);
        System.out.printf("demo: started an embedded KRaft broker at %s in %d ms%n", broker.bootstrapServers(),
                (System.nanoTime() - t0) / 1_000_000);
        System.out.println(DemoFeeder.feed(broker.bootstrapServers(), Topics.ORDERS, Topics.LICENSES, LocalDate.now()));

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                // the demo profile on top of prod: the demo's logins (README), which a production start
                // refuses, and form login instead of OIDC
                "-Dquarkus.profile=prod,demo"));
        for (String a : args) {
            if (a.startsWith("-D")) {
                command.add(a);
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        Process service = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.destroy();
            try {
                service.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            broker.close();
        }, "demo-stop"));
        System.exit(service.waitFor());
    }
}
