package io.signalbox.media.janus;

/** Janus refused a request (its error code and reason), or could not be reached. */
final class JanusException extends RuntimeException {
    /** Janus's own code; 0 when Janus was not reached or did not answer. */
    final int code;

    JanusException(int code, String reason) {
        super(code == 0 ? reason : "Janus error " + code + ": " + reason);
        this.code = code;
    }
}
