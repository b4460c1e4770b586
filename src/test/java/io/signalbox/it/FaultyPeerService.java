package io.signalbox.it;

import io.signalbox.peer.PeerMode;
import io.signalbox.peer.PeerService;
import io.signalbox.session.SessionId;
import io.signalbox.stream.StreamId;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * A fault injected into the deployed server: joining a stream named {@code explode-*} fails
 * the way a bug would, so the test sees how the real dispatcher handles an unexpected fault.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FaultyPeerService extends PeerService {
    public static final String PREFIX = "explode-";

    @Override
    public synchronized Joined join(SessionId session, StreamId stream, PeerMode mode) {
        if (stream.value().startsWith(PREFIX)) {
            throw new IllegalStateException("injected fault for " + stream);
        }
        return super.join(session, stream, mode);
    }
}
