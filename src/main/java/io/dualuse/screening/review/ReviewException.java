package io.dualuse.screening.review;

/** A review that cannot be recorded; {@code status} is the HTTP status that says why (404, 400, 409). */
public class ReviewException extends RuntimeException {

    private final int status;

    public ReviewException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
