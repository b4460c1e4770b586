package io.signalbox.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a stream records from its first frame, and the recording folder's free-space floor, on a real file system. */
class RecordingRulesTest {
    private static final StreamId S = new StreamId("s");

    private static Optional<StreamRegistry.Registration> registered(int mp4, int webm) {
        return Optional.of(new StreamRegistry.Registration(S, "", List.of(), "", "", mp4, webm));
    }

    @Test
    void aRegistrationsOwnSettingWinsThenTheServersDefaultUnlessTheRegistrationSaysNo() {
        assertEquals(Optional.empty(), RecordingService.typeToRecord(Optional.empty(), Optional.empty()), "nothing said anywhere");
        assertEquals(Optional.of("mp4"), RecordingService.typeToRecord(Optional.empty(), Optional.of("mp4")), "an unregistered stream");
        assertEquals(Optional.of("webm"), RecordingService.typeToRecord(registered(0, 1), Optional.empty()));
        assertEquals(Optional.of("mp4"), RecordingService.typeToRecord(registered(1, 1), Optional.of("webm")), "mp4 first, as one recording a stream");
        assertEquals(Optional.empty(), RecordingService.typeToRecord(registered(-1, 0), Optional.of("mp4")), "the registration says no");
        assertEquals(Optional.of("webm"), RecordingService.typeToRecord(registered(-1, 0), Optional.of("webm")), "no for mp4 only");
    }

    @Test
    void aSettingOutsideAntMediasThreeValuesIsInvalidMessage() {
        SignalingException refused = assertThrows(SignalingException.class, () -> registered(2, 0));
        assertEquals(ErrorDefinition.INVALID_MESSAGE, refused.definition());
    }

    @Test
    void belowTheFloorNoRecordingStartsByName(@TempDir Path folder) {
        DiskFloor none = new DiskFloor(folder, 0);
        assertFalse(none.below());
        none.require("a recording");
        DiskFloor unreachable = new DiskFloor(folder, Long.MAX_VALUE);
        assertTrue(unreachable.below());
        assertEquals(ErrorDefinition.INSUFFICIENT_STORAGE,
                assertThrows(SignalingException.class, () -> unreachable.require("a recording")).definition());
    }
}
