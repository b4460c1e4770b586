package io.signalbox.media.janus;

import io.signalbox.media.Feed;
import io.signalbox.media.MediaEvent;
import io.signalbox.media.MediaRoom;
import io.signalbox.media.janus.JanusHandles.Handle;
import io.signalbox.media.janus.JanusHandles.Role;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What Janus says on its own about this node's handles, as {@link MediaEvent}s: media flowing,
 * the layers coming in, a new offer to a conference's subscriber, a handle's end, a session lost.
 * The events are reported in Janus's order, off the connection's thread.
 */
final class JanusEvents {
    private final JanusHandles handles;
    private final Executor reports;
    private final Consumer<MediaEvent> fire;
    private final Consumer<Handle> release;
    private final BiConsumer<MediaRoom, URI> reapLater;
    private final JsonProvider json = JsonProvider.provider();

    /**
     * {@code release} lets go of an ended handle on Janus (it waits for Janus: run on
     * {@code reports}); {@code reapLater} destroys a room once Janus answers.
     */
    JanusEvents(JanusHandles handles, Executor reports, Consumer<MediaEvent> fire, Consumer<Handle> release,
            BiConsumer<MediaRoom, URI> reapLater) {
        this.handles = handles;
        this.reports = reports;
        this.fire = fire;
        this.release = release;
        this.reapLater = reapLater;
    }

    void event(JanusConnection janus, long id, JsonObject event) {
        Handle handle = handles.byId(janus, id);
        if (handle == null) {
            return;
        }
        switch (event.getString("janus", "")) {
            case "webrtcup" -> {
                if (!handle.publisher()) {
                    started(handle);
                }
            }
            case "media" -> {
                if (handle.publisher()) {
                    if (event.getBoolean("receiving", false)) {
                        started(handle);
                    }
                    if ("video".equals(event.getString("type", ""))) {
                        receiving(handle, event);
                    }
                    inbound(handle, event);
                }
            }
            case "hangup" -> ended(handle, "Janus hung up: " + event.getString("reason", ""));
            case "event" -> pluginEvent(handle, event);
            default -> {
                // slowlink, detached and the like change nothing here
            }
        }
    }

    private void pluginEvent(Handle handle, JsonObject event) {
        JsonObject data = Videoroom.data(event);
        if (data == null) {
            return;
        }
        if (data.containsKey("destroyed") || "destroyed".equals(data.getString("videoroom", ""))) {
            ended(handle, "the room was destroyed");
        } else if ("updated".equals(data.getString("videoroom", "")) && event.containsKey("jsep")
                && handle.role() == Role.CONFERENCE_VIEWER) {
            // Janus offers again by itself: a feed left, or an update waited for the last answer.
            JsonObject offered = json.createObjectBuilder(data).add("jsep", event.getJsonObject("jsep")).build();
            handles.carried(handle, Videoroom.carriedIn(offered));
            report(new MediaEvent.Offered(handle.session(), handle.room(), Videoroom.offerOf(offered)));
        }
    }

    /** The session on {@code janus} is gone, and every handle on it: ended, and their own rooms destroyed once Janus answers. */
    void lost(JanusConnection janus, String why) {
        URI url = janus.url();
        handles.clear(janus).forEach(handle -> {
            if (handle.ownRoom()) {
                // Rooms outlive the session that was lost (Janus may only have stalled).
                reapLater.accept(handle.room(), url);
            }
            report(new MediaEvent.Ended(handle.session(), handle.leg(), handle.publisher(), why));
        });
    }

    /** A layer of a publisher's video (Janus's {@code substream}; none without simulcast) started or stopped coming in. */
    private void receiving(Handle handle, JsonObject event) {
        boolean simulcast = event.containsKey("substream");
        List<Integer> now = handles.layer(handle, simulcast ? event.getInt("substream") : 0, event.getBoolean("receiving", false));
        if (now != null && handle.leg() instanceof Feed feed) {
            report(new MediaEvent.Receiving(handle.session(), feed, now, simulcast));
        }
    }

    /** A track of a publisher (audio or video; Janus's {@code mid}, and {@code substream} when simulcast) started or stopped coming in. */
    private void inbound(Handle handle, JsonObject event) {
        String track = event.getString("type", "") + " " + event.getString("mid", "") + " " + event.getInt("substream", 0);
        Boolean any = handles.inbound(handle, track, event.getBoolean("receiving", false));
        if (any != null && handle.leg() instanceof Feed feed) {
            report(new MediaEvent.Inbound(handle.session(), feed, any));
        }
    }

    private void started(Handle handle) {
        if (handles.startFlowing(handle)) {
            report(new MediaEvent.Flowing(handle.session(), handle.leg(), handle.publisher()));
        }
    }

    private void ended(Handle handle, String why) {
        if (handles.remove(handle.session(), handle.leg()) != null) {
            reports.execute(() -> release.accept(handle)); // it waits for Janus's answer: not on the connection's thread
            report(new MediaEvent.Ended(handle.session(), handle.leg(), handle.publisher(), why));
        }
    }

    private void report(MediaEvent event) {
        reports.execute(() -> fire.accept(event));
    }
}
