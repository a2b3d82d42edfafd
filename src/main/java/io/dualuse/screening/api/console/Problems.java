package io.dualuse.screening.api.console;

import io.dualuse.screening.api.ViolationResponse;
import jakarta.ws.rs.WebApplicationException;

import java.util.stream.Collectors;

/** The API's refusals (a {@link ViolationResponse} naming each field) as one line a page can show. */
final class Problems {

    private Problems() {
    }

    static String of(WebApplicationException e) {
        if (e.getResponse() != null && e.getResponse().getEntity() instanceof ViolationResponse v) {
            return v.error() + (v.violations().isEmpty() ? "" : ": " + v.violations().stream()
                    .map(x -> x.field() + ": " + x.message()).collect(Collectors.joining("; ")));
        }
        return e.getMessage();
    }
}
