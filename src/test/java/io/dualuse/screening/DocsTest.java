package io.dualuse.screening;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The docs name only classes that exist: every `package.Class` of this project they quote is in a source tree. */
class DocsTest {

    private static final List<String> SOURCE_ROOTS = List.of("src/main/java", "src/demo/java", "src/test/java", "bench/src/main/java");
    private static final List<String> DOCS = List.of("README.md", "bench/README.md", "deploy/README.md", "docs");
    /** Our top-level packages: a quoted name starting with one of them is ours. */
    private static final Pattern OURS = Pattern.compile("(?<![\\w.])((?:core\\.(?:order|rules|classification|license|decision|screening|review)"
            + "|order|rules|classification|license|decision|review|pipeline|state|rescreen|api|wire|platform|demo|testing|tools|bench|ops)"
            + "\\.(?:[a-z]+\\.)*)([A-Z]\\w*)");
    private static final Pattern QUOTED = Pattern.compile("`([^`\\n]+)`");

    @Test
    void everyQuotedClassOfThisProjectExists() throws IOException {
        Set<String> known = knownClasses();
        assertThat(known).contains("core.screening.Screener", "pipeline.ScreeningPipeline");
        List<String> missing = new ArrayList<>();
        for (Path doc : docs()) {
            Matcher q = QUOTED.matcher(Files.readString(doc, StandardCharsets.UTF_8));
            while (q.find()) {
                Matcher m = OURS.matcher(q.group(1).replace("io.dualuse.screening.", ""));
                while (m.find()) {
                    String name = m.group(1) + m.group(2);
                    if (known.stream().noneMatch(k -> k.equals(name) || k.endsWith("." + name))) {
                        missing.add(doc + ": `" + name + "`");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theCheckFindsAClassThatIsGone() throws IOException {
        Set<String> known = knownClasses();
        Matcher m = OURS.matcher("review.HoldLifecycle");
        assertThat(m.find()).isTrue();
        assertThat(known).doesNotContain(m.group(1) + m.group(2)).noneMatch(k -> k.endsWith(".review.HoldLifecycle"));
    }

    /** Every class and nested type, as {@code package.Class} and {@code package.Class.Nested} below io.dualuse.screening. */
    private static Set<String> knownClasses() throws IOException {
        Set<String> known = new HashSet<>();
        Pattern nested = Pattern.compile("^\\s+(?:public |private |protected )?(?:static )?(?:final )?(?:sealed )?(?:record|class|interface|enum) (\\w+)", Pattern.MULTILINE);
        for (String root : SOURCE_ROOTS) {
            Path r = Path.of(root);
            try (Stream<Path> files = Files.walk(r)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String fq = r.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "")
                            .replaceFirst("^io\\.dualuse\\.screening\\.", "");
                    known.add(fq);
                    Matcher n = nested.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (n.find()) {
                        known.add(fq + "." + n.group(1));
                    }
                }
            }
        }
        // the classes Avro generates from schemas/ at build time
        Pattern namespace = Pattern.compile("\"namespace\"\\s*:\\s*\"io\\.dualuse\\.screening\\.([\\w.]+)\"");
        try (Stream<Path> schemas = Files.list(Path.of("schemas"))) {
            for (Path f : schemas.filter(p -> p.toString().endsWith(".avsc")).toList()) {
                Matcher n = namespace.matcher(Files.readString(f, StandardCharsets.UTF_8));
                if (n.find()) {
                    known.add(n.group(1) + "." + f.getFileName().toString().replace(".avsc", ""));
                }
            }
        }
        return known;
    }

    private static List<Path> docs() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String d : DOCS) {
            Path p = Path.of(d);
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    files.filter(f -> f.toString().endsWith(".md")).forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
