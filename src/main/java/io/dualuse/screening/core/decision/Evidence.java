package io.dualuse.screening.core.decision;

/** One fact a reason rests on, e.g. {@code commodityCode=2841801000} or {@code Dy=0.3 %}. */
public record Evidence(String name, String value) {

    public static Evidence of(String name, Object value) {
        return new Evidence(name, String.valueOf(value));
    }
}
