package io.dualuse.screening.bench;

import java.util.HashMap;
import java.util.Map;

/** The benches' command line: {@code --name value} pairs. */
final class BenchArgs {

    private BenchArgs() {
    }

    static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        return args;
    }

    static int intArg(Map<String, String> args, String name, int fallback) {
        return Integer.parseInt(args.getOrDefault(name, String.valueOf(fallback)));
    }
}
