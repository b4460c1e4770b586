package io.signalbox.it;

import com.microsoft.playwright.Page;
import jakarta.json.JsonObject;

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

    /** Waits until the page's Ant Media connection for {@code s} decodes more video frames than it had. */
    static void awaitDecoding(Page page, String s) {
        page.waitForFunction("async s => { const pc = window.ams.remotePeerConnection[s]; if (!pc) return false;"
                + " let frames = 0; (await pc.getStats()).forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'video')"
                + " frames += r.framesDecoded || 0; });"
                + " if (window.amsFrames === undefined || frames < window.amsFrames) { window.amsFrames = frames; return false; }"
                + " return frames > window.amsFrames + 10; }", s,
                new Page.WaitForFunctionOptions().setTimeout(30_000).setPollingInterval(500));
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

    /** The {@code media} check of the node on {@code port}'s {@code /health/ready}. */
    static JsonObject mediaAt(int port) {
        return Server.healthCheckAt(port, "media");
    }

    static int mediaHandlesAt(int port) {
        return mediaAt(port).getJsonObject("data").getInt("mediaServerHandles");
    }
}
