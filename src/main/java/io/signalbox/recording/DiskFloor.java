package io.signalbox.recording;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The free space a recording folder keeps ({@code signalbox.recording.min-free-megabytes}). */
record DiskFloor(Path directory, long minFreeBytes) {

    /** Whether the folder's file system has less usable space than the floor (or cannot say). */
    boolean below() {
        try {
            return Files.getFileStore(directory).getUsableSpace() < minFreeBytes;
        } catch (IOException e) {
            return true;
        }
    }

    /** insufficient_storage when the folder is below the floor. */
    void require(String what) {
        if (below()) {
            throw new SignalingException(ErrorDefinition.INSUFFICIENT_STORAGE, what + ": " + directory + " has less than "
                    + minFreeBytes / (1024 * 1024) + " MB free");
        }
    }
}
