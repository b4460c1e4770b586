package io.signalbox.signaling;

import io.signalbox.session.SessionId;
import java.io.Serializable;

/** What one node hands another for one of that node's sessions. */
sealed interface Delivery extends Serializable {

    SessionId to();

    /** A frame to write to the session's socket. */
    record Frame(SessionId to, String text) implements Delivery {
    }

    /** A relayed frame, written only if the session's route {@code back} still leads to {@code from}. */
    record Relayed(SessionId to, SessionId from, RelayTable.Key back, String text) implements Delivery {
    }

    /** A change to the session's routes ({@code peer} null: removed), numbered as in {@link RelayTable#apply}. */
    record RouteChange(SessionId to, RelayTable.Key key, SessionId peer, String tag, long version) implements Delivery {
    }
}
