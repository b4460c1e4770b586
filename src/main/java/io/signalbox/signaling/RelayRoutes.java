package io.signalbox.signaling;

import io.signalbox.peer.PeerService;
import io.signalbox.session.SessionId;
import io.signalbox.stream.Stopped;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps the sessions' relay routes in step with the pairs and broadcasts: each change the
 * services report becomes route changes for both sides, handed over before the notifications
 * of the same change, so a client never learns of a peer before its node can route to it.
 */
@ApplicationScoped
class RelayRoutes {

    @Inject
    SessionDirectory directory;

    void joined(SessionId joiner, PeerService.Joined joined) {
        joined.partner().ifPresent(partner -> {
            RelayTable.Key key = RelayTable.Key.peer(joined.stream().value());
            directory.route(joiner, key, partner, null, joined.version());
            directory.route(partner, key, joiner, null, joined.version());
        });
    }

    void left(SessionId leaver, PeerService.Left left) {
        RelayTable.Key key = RelayTable.Key.peer(left.stream().value());
        directory.route(leaver, key, null, null, left.version());
        left.remaining().ifPresent(other -> directory.route(other, key, null, null, left.version()));
    }

    void playing(StreamService.Viewing viewing) {
        String stream = viewing.stream().value();
        directory.route(viewing.publisher(), RelayTable.Key.broadcast(stream, viewing.subscriberId()), viewing.viewer(),
                null, viewing.version());
        directory.route(viewing.viewer(), RelayTable.Key.broadcast(stream, null), viewing.publisher(),
                viewing.subscriberId(), viewing.version());
    }

    void stopped(Stopped stopped) {
        String stream = stopped.stream().value();
        if (stopped instanceof Stopped.Unpublished unpublished) {
            unpublished.viewers().forEach((subscriberId, viewer) -> unroute(unpublished.publisher(), viewer, stream,
                    subscriberId, unpublished.version()));
        } else if (stopped instanceof Stopped.Unplayed unplayed) {
            unroute(unplayed.publisher(), unplayed.viewer(), stream, unplayed.subscriberId(), unplayed.version());
        }
    }

    private void unroute(SessionId publisher, SessionId viewer, String stream, String subscriberId, long version) {
        directory.route(publisher, RelayTable.Key.broadcast(stream, subscriberId), null, null, version);
        directory.route(viewer, RelayTable.Key.broadcast(stream, null), null, null, version);
    }
}
