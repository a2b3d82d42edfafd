package io.dualuse.screening.bench;

import io.dualuse.screening.core.screening.Screener;
import io.dualuse.screening.core.screening.ScreeningPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What putting a ruleset in force costs: reading and validating the YAML file, then building the
 * screener and its catalog indexes. Cold (the first load of a fresh JVM, what a start-up pays) and
 * warm (an activation at run time), for the whole catalog and for the hand-curated part alone.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RulesetLoadBenchmark {

    @Param({"full", "curated"})
    public String ruleset;

    /** The first load in a fresh JVM: the start-up cost. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Screener cold() {
        return new Screener(Workload.load(ruleset), ScreeningPolicy.defaults(), Workload.CLOCK);
    }

    /** Once the JVM is warm: an activation at run time. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 3, time = 2)
    public Screener warm() {
        return new Screener(Workload.load(ruleset), ScreeningPolicy.defaults(), Workload.CLOCK);
    }
}
