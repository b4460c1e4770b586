package io.signalbox.encoding;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Encoder settings (protocol section 8): which ladder a stream has, its own or the server's, and
 * which rungs exist. The stream feature hands in the stream's own ladder and its name.
 */
@ApplicationScoped
public class EncodingService {

    @Inject
    EncodingConfig config;

    /** The ladder a publisher of {@code stream} is handed; checks {@code signalbox.encoder.required}. */
    public List<EncoderSetting> forPublish(String stream, List<EncoderSetting> own) {
        List<EncoderSetting> ladder = ladderOf(own);
        if (ladder.isEmpty() && config.required()) {
            throw new SignalingException(ErrorDefinition.NO_ENCODER_SETTINGS,
                    "signalbox.encoder.required is true and " + stream + " has no ladder");
        }
        return ladder;
    }

    /** The ladder of {@code stream}, which must have one. */
    public List<EncoderSetting> ladder(String stream, List<EncoderSetting> own) {
        List<EncoderSetting> ladder = ladderOf(own);
        if (ladder.isEmpty()) {
            throw new SignalingException(ErrorDefinition.NO_ENCODER_SETTINGS, stream + " has no encoder settings");
        }
        return ladder;
    }

    /** Checks that {@code height} is 0 (automatic) or a rung of the stream's ladder. */
    public int quality(String stream, List<EncoderSetting> own, Integer height) {
        if (height == null || height < 0) {
            throw new SignalingException(ErrorDefinition.INVALID_MESSAGE, "streamHeight must be 0 or a height");
        }
        List<EncoderSetting> ladder = ladder(stream, own);
        if (height != 0 && ladder.stream().noneMatch(s -> s.height().equals(height))) {
            throw new SignalingException(ErrorDefinition.NO_ENCODER_SETTINGS, stream + " has no rung of height " + height);
        }
        return height;
    }

    /** The stream's own ladder when it has one, else the server's; empty when neither has one. */
    public List<EncoderSetting> ladderOf(List<EncoderSetting> own) {
        return own.isEmpty() ? config.ladder() : own;
    }
}
