package io.signalbox.error;

/**
 * The one failure a signaling command ends with: a catalogue definition for the client and a
 * detail that only the server log sees.
 */
public class SignalingException extends RuntimeException {
    private final ErrorDefinition definition;

    public SignalingException(ErrorDefinition definition, String detail) {
        super(definition.wireName() + ": " + detail);
        this.definition = definition;
    }

    public ErrorDefinition definition() {
        return definition;
    }
}
