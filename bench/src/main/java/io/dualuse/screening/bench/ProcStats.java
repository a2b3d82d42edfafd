package io.dualuse.screening.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Where the CPU and memory of a process went, from /proc: the load generator's view of each subject JVM. */
final class ProcStats {

    private ProcStats() {
    }

    /** User + system CPU of a process from /proc, -1 for none. */
    static long cpuNanos(long pid) throws Exception {
        return pid < 0 ? -1 : statCpuNanos(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /** utime + stime of a /proc stat line (clock ticks of 10 ms), in ns. */
    static long statCpuNanos(String stat) {
        // fields after the command name, which is in parentheses and may hold spaces: utime is the 14th field
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    /** CPU by thread kind of a process (thread names with their numbers taken out), from /proc. */
    static Map<String, Long> threadCpuNanos(long pid) throws Exception {
        Map<String, Long> out = new HashMap<>();
        if (pid < 0) {
            return out;
        }
        File[] tasks = new File("/proc/" + pid + "/task").listFiles();
        for (File task : tasks == null ? new File[0] : tasks) {
            try {
                String stat = Files.readString(task.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                out.merge(name, statCpuNanos(stat), Long::sum);
            } catch (java.io.IOException | RuntimeException gone) {
                // the thread ended between listing and reading
            }
        }
        return out;
    }

    /** Where a JVM's CPU went during a throughput run, by thread kind: the line that says which threads to look at. */
    static void printThreadShares(String title, Map<String, Long> before, Map<String, Long> after, int n) {
        StringBuilder sb = new StringBuilder("    " + title + " (µs per order):");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(10)
                .forEach(e -> sb.append(String.format(Locale.ROOT, " %s %.1f;", e.getKey(), e.getValue() / 1e3 / n)));
        System.out.println(sb);
    }

    static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
