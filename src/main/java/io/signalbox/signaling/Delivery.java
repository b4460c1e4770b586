package io.signalbox.signaling;

import io.signalbox.session.SessionId;

/**
 * What one node hands another for one of that node's sessions. The fields are strings and
 * numbers only, so Hazelcast writes these records in its compact format (the schema once per
 * member, no Java serialization per frame).
 */
sealed interface Delivery {

    /** The session it is for. */
    String to();

    default SessionId session() {
        return new SessionId(to());
    }

    /** A frame to write to the session's socket. */
    record Frame(String to, String text) implements Delivery {
    }

    /** A relayed frame, written only if the session's route under the key named {@code back*} still leads to {@code from}. */
    record Relayed(String to, String from, String backKind, String backStream, String backSubscriberId, String text)
            implements Delivery {
        static Relayed of(SessionId to, SessionId from, RelayTable.Key back, String text) {
            return new Relayed(to.value(), from.value(), back.kind().name(), back.stream(), back.subscriberId(), text);
        }

        RelayTable.Key back() {
            return new RelayTable.Key(RelayTable.Kind.valueOf(backKind), backStream, backSubscriberId);
        }
    }

    /** A change to the session's media on {@code stream} (a stream, or a conference's room), made on its node; {@code change} names a {@link SessionDirectory.MediaChange}. */
    record Media(String to, String stream, String change) implements Delivery {
        SessionDirectory.MediaChange mediaChange() {
            return SessionDirectory.MediaChange.valueOf(change);
        }
    }

    /** A change to the session's route under the key named {@code key*} ({@code peer} null: removed), numbered as in {@link RelayTable#apply}. */
    record RouteChange(String to, String keyKind, String keyStream, String keySubscriberId, String peer, String tag,
            long version) implements Delivery {
        static RouteChange of(SessionId to, RelayTable.Key key, SessionId peer, String tag, long version) {
            return new RouteChange(to.value(), key.kind().name(), key.stream(), key.subscriberId(),
                    peer == null ? null : peer.value(), tag, version);
        }

        RelayTable.Key key() {
            return new RelayTable.Key(RelayTable.Kind.valueOf(keyKind), keyStream, keySubscriberId);
        }

        SessionId peerSession() {
            return peer == null ? null : new SessionId(peer);
        }
    }

    /**
     * A call on the session's node: run {@code operation} with {@code argument} on the session's
     * lane, and send the {@link Answer} to node {@code replyTo} under {@code id}.
     */
    record Call(String to, String id, String replyTo, String operation, String argument) implements Delivery {
    }

    /**
     * The answer to the call {@code to} names: its {@code result}, or, when it failed, the wire name
     * of its error ({@code error}) and what the log is told ({@code detail}).
     */
    record Answer(String to, String result, String error, String detail) implements Delivery {
    }
}
