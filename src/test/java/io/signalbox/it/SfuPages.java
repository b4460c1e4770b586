package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the SFU tests do in a page and ask a node: Ant Media's SDK in a page, decoding, upload, the media check. */
final class SfuPages {
    /** How the tests reach the publisher's peer connection of stream {@code s} in each SDK's page. */
    static final String AMS_CONNECTION = "window.ams.remotePeerConnection[s]";
    static final String SDK_CONNECTION = "window.demo.client.links.get(s).pc";

    private SfuPages() {
    }

    /**
     * A page of the node on {@code port} running Ant Media's WebRTCAdaptor, unchanged, with its
     * callbacks kept in {@code window.ams*}; a player shows each new track in a video of its own.
     */
    static Page adaptor(Browsers browsers, String bundle, int port, boolean playOnly) {
        Page page = browsers.openAt(port, "/");
        page.evaluate("() => { document.body.innerHTML = '<video id=\"localVideo\" autoplay muted playsinline></video>"
                + "<div id=\"players\"></div>'; }");
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(bundle));
        // The bundle's one plugin (video effects) needs a global from another package; media does not use it.
        // No STUN server: the SDK's default is a public one, and these tests reach no other host.
        page.evaluate("playOnly => { window.webrtc_adaptor.WebRTCAdaptor.pluginInitMethods.length = 0;"
                + " window.amsEvents = []; window.amsErrors = []; window.amsTracks = [];"
                + " window.ams = new window.webrtc_adaptor.WebRTCAdaptor({"
                + "  websocket_url: location.origin.replace('http', 'ws') + '/websocket',"
                + "  mediaConstraints: { video: !playOnly, audio: !playOnly }, peerconnection_config: { iceServers: [] },"
                + "  localVideoId: playOnly ? undefined : 'localVideo', isPlayMode: playOnly, debug: false,"
                + "  callback: (info, obj) => { window.amsEvents.push(info);"
                + "    if (info === 'newTrackAvailable') { window.amsTracks.push(obj.trackId);"
                + "      let v = document.getElementById('v-' + obj.streamId);"
                + "      if (!v) { v = document.createElement('video'); v.id = 'v-' + obj.streamId; v.autoplay = true; v.muted = true;"
                + "        document.getElementById('players').appendChild(v); }"
                + "      v.srcObject = obj.stream; } },"
                + "  callbackError: (error) => window.amsErrors.push(error) }); }", playOnly);
        page.waitForFunction("() => window.amsEvents.includes('initialized')");
        return page;
    }

    /**
     * A page of the node on {@code port} in which Ant Media's WebRTCAdaptor, unchanged, runs the
     * flow of Ant Media's own {@code conference-room.html} sample as member {@code me} of
     * {@code room}: {@code joinRoom}; on {@code joinedTheRoom}, {@code publish} with the room as
     * {@code mainTrack}; on {@code publish_started}, {@code getRoomInfo}; on {@code roomInformation},
     * {@code play(room, token, room, streams + "!me")} once; each {@code newTrackAvailable} goes into
     * the video of the member its track id names (Ant Media's {@code ARDAMSa|v} prefix cut off), and
     * a video whose tracks are all muted goes away, as the sample does (and, unlike the sample,
     * tracks of a connection the SDK replaced by playing again leave their video). {@code window.members()}
     * lists the members whose video the page decodes now.
     */
    static Page conferenceMember(Browsers browsers, String bundle, int port, String room, String me) {
        Page page = browsers.openAt(port, "/");
        page.evaluate("() => { document.body.innerHTML = '<video id=\"localVideo\" autoplay muted playsinline></video><div id=\"members\"></div>'; }");
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(bundle));
        page.evaluate("([room, me]) => { window.webrtc_adaptor.WebRTCAdaptor.pluginInitMethods.length = 0;"
                + " window.amsEvents = []; window.amsErrors = []; window.videos = {}; let playing = false;"
                + " window.members = () => Object.keys(window.videos).filter(id => { const v = window.videos[id];"
                + "   return v.videoWidth > 0 && v.srcObject.getVideoTracks().some(t => !t.muted && t.readyState === 'live'); }).sort();"
                + " window.ams = new window.webrtc_adaptor.WebRTCAdaptor({"
                + "  websocket_url: location.origin.replace('http', 'ws') + '/websocket',"
                + "  mediaConstraints: { video: { width: 320, height: 240, frameRate: 15 }, audio: true },"
                + "  peerconnection_config: { iceServers: [] }, localVideoId: 'localVideo', isPlayMode: false, debug: false,"
                + "  callback: (info, obj) => { window.amsEvents.push(info);"
                + "    if (info === 'initialized') { window.ams.joinRoom(room, me); }"
                + "    else if (info === 'joinedTheRoom') { window.ams.publish(obj.streamId, null, null, null, me, room, '{}'); }"
                + "    else if (info === 'publish_started') { window.ams.getRoomInfo(room, me); }"
                + "    else if (info === 'roomInformation') { const list = obj.streams.slice(); list.push('!' + me);"
                + "      if (!playing) { playing = true; window.ams.play(room, null, room, list); } }"
                + "    else if (info === 'newTrackAvailable') { const id = obj.trackId.substring('ARDAMSx'.length);"
                + "      if (id === room || id === me) return;"
                + "      let v = window.videos[id];"
                + "      if (!v) { v = document.createElement('video'); v.autoplay = true; v.muted = true; v.playsInline = true;"
                + "        v.srcObject = new MediaStream(); window.videos[id] = v; document.getElementById('members').appendChild(v); }"
                + "      v.srcObject.getTracks().filter(t => t.readyState === 'ended').forEach(t => v.srcObject.removeTrack(t));"
                + "      v.srcObject.addTrack(obj.track);"
                + "      obj.track.onmute = () => { if (v.srcObject.getTracks().every(t => t.muted)) { v.remove(); if (window.videos[id] === v) delete window.videos[id]; } }; } },"
                + "  callbackError: (error) => window.amsErrors.push(error) }); }", java.util.List.of(room, me));
        return page;
    }

    /** Waits until {@code page} decodes exactly the video of {@code members}. */
    static void awaitMembers(Page page, java.util.List<String> members) {
        try {
            page.waitForFunction("ids => JSON.stringify(window.members()) === JSON.stringify(ids.slice().sort())",
                    members, new Page.WaitForFunctionOptions().setTimeout(45_000).setPollingInterval(250));
        } catch (com.microsoft.playwright.PlaywrightException e) {
            throw new AssertionError("expected to decode " + members + ", the page shows "
                    + page.evaluate("() => JSON.stringify({ decoding: window.members(), videos: Object.keys(window.videos),"
                            + " events: window.amsEvents, errors: window.amsErrors })"), e);
        }
    }

    /**
     * Waits until the page's Ant Media connection for {@code s} receives on exactly {@code video}
     * video and {@code audio} audio sections (the others inactive), as the answered offers leave it.
     */
    static void awaitReceivingSections(Page page, String s, int video, int audio) {
        try {
            page.waitForFunction("([s, video, audio]) => { const live = kind => window.ams.remotePeerConnection[s].getTransceivers()"
                    + ".filter(t => t.receiver.track.kind === kind && !t.stopped"
                    + " && (t.currentDirection === 'recvonly' || t.currentDirection === 'sendrecv')).length;"
                    + " return live('video') === video && live('audio') === audio; }", java.util.List.of(s, video, audio),
                    new Page.WaitForFunctionOptions().setTimeout(20_000).setPollingInterval(250));
        } catch (com.microsoft.playwright.PlaywrightException e) {
            throw new AssertionError("expected " + video + " video and " + audio + " audio sections receiving: " + sections(page, s), e);
        }
    }

    /** The page's Ant Media connection for {@code s}, section by section, for a failure's message. */
    static String sections(Page page, String s) {
        return (String) page.evaluate("s => JSON.stringify(window.ams.remotePeerConnection[s].getTransceivers().map(t =>"
                + " [t.mid, t.receiver.track.kind, t.currentDirection, t.receiver.track.muted, (window.ams.idMapping[s] || {})[t.mid]]))", s);
    }

    /** Waits until the page's Ant Media connection for {@code s} decodes more video frames than it had. */
    static void awaitDecoding(Page page, String s) {
        awaitInPage(page, "async s => { const pc = window.ams.remotePeerConnection[s]; if (!pc) return false;"
                + " let frames = 0; (await pc.getStats()).forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'video')"
                + " frames += r.framesDecoded || 0; });"
                + " if (window.amsFrames === undefined || frames < window.amsFrames) { window.amsFrames = frames; return false; }"
                + " return frames > window.amsFrames + 10; }", s, Duration.ofSeconds(30));
    }

    /**
     * Evaluates the async {@code predicate} in {@code page} with {@code arg} every half second
     * until it returns true, for at most {@code timeout}. (Playwright's {@code waitForFunction}
     * takes the Promise an async function returns for a truthy value and does not wait: checked,
     * it returned at once with no frame decoded.)
     */
    static void awaitInPage(Page page, String predicate, Object arg, Duration timeout) {
        List<Object> seen = new ArrayList<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Object result = page.evaluate(predicate, arg);
            seen.add(result);
            assertEquals(Boolean.TRUE, result, "what the page said, poll after poll: " + seen);
        });
    }

    /**
     * The upload of the publisher's connection ({@code connection}, a script expression of
     * {@code s}) in bits per second once it has settled (the sender's bandwidth estimate ramps
     * up for several seconds): two-second windows until three in a row agree within a tenth of
     * their mean, which is returned (at most fifteen windows; then the last three's mean).
     */
    static double stableUploadBitsPerSecond(Page page, String connection, String s) {
        Object rate = page.evaluate("async s => { const pc = " + connection + ";"
                + " const sent = async () => { let b = 0; (await pc.getStats()).forEach(r => { if (r.type === 'outbound-rtp') b += r.bytesSent; }); return b; };"
                + " const rates = []; let before = await sent();"
                + " for (let i = 0; i < 15; i++) { await new Promise(r => setTimeout(r, 2000)); const now = await sent();"
                + "   rates.push((now - before) * 8 / 2); before = now;"
                + "   if (rates.length >= 3) { const last = rates.slice(-3); const mean = last.reduce((a, b) => a + b) / 3;"
                + "     if (last.every(r => Math.abs(r - mean) <= mean / 10)) return mean; } }"
                + " return rates.slice(-3).reduce((a, b) => a + b) / 3; }", s);
        return ((Number) rate).doubleValue();
    }

    /**
     * A demo page opened with {@code relay=1} offers relay-only ICE (no TURN server here: no
     * candidate, so its connections to Janus never come up); from {@code finished} on, ICE as usual.
     */
    static void stuckUntil(Page page, String finished) {
        page.evaluate("finished => window.demo.client.addEventListener('notification', (e) => {"
                + " if (e.detail.definition === finished) delete window.demo.client.options.iceTransportPolicy; })", finished);
    }

    /** The {@code media} check of the node on {@code port}'s {@code /health/ready}. */
    static JsonObject mediaAt(int port) {
        return Server.healthCheckAt(port, "media");
    }

    static int mediaHandlesAt(int port) {
        return Server.healthDataAt(port, "media").getInt("mediaServerHandles");
    }
}
