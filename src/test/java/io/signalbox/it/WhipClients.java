package io.signalbox.it;

import com.microsoft.playwright.Page;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.List;

/**
 * WHIP clients in a page: one written for the tests (fetch and RTCPeerConnection, trickling each
 * candidate in its own PATCH, and an ICE restart), and medooze's {@code whip-whep} 1.2.0 from npm,
 * loaded unchanged as the ES module it is. Both publish the page's fake camera and microphone.
 */
final class WhipClients {
    private static final NpmTarball MEDOOZE = new NpmTarball(URI.create("https://registry.npmjs.org/whip-whep/-/whip-whep-1.2.0.tgz"),
            "sha512-CP+Tht3O/N6QLebW5LxsNKgzFN5KX6WinLr1SLs74feagYu+Gqy+0dw48p5RQuE+FlrM4xyOlOdW2UOQwljImA==");

    /**
     * {@code window.whip(url, token)}: publishes with a POST of an offer made before any candidate
     * is gathered, then trickles each candidate (and their end) in a PATCH with the session's
     * ETag; resolves with {@code {status, location, etag, acceptPatch, link, body, resource, patches}}.
     * {@code window.whipRestart(w, token)} restarts ICE with a PATCH ({@code If-Match: *}) and applies
     * the server's fragment as RFC 9725 describes.
     */
    private static final String OURS = """
            (() => {
              const auth = (token, headers) => { if (token) headers.Authorization = 'Bearer ' + token; return headers; };
              const credentials = sdp => [sdp.match(/a=ice-ufrag:(.*)\\r\\n/)[1], sdp.match(/a=ice-pwd:(.*)\\r\\n/)[1]];
              window.whip = async (url, token) => {
                const w = { patches: [], pending: [] };
                const media = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240, frameRate: 15 }, audio: true });
                const pc = new RTCPeerConnection({ iceServers: [] });
                w.pc = pc;
                media.getTracks().forEach(t => pc.addTransceiver(t, { direction: 'sendonly' }));
                const trickle = w.trickle = async line => {
                  const fragment = 'a=ice-ufrag:' + w.ufrag + '\\r\\na=ice-pwd:' + w.pwd + '\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 0\\r\\n'
                    + 'a=mid:' + pc.getTransceivers()[0].mid + '\\r\\n' + line + '\\r\\n';
                  const r = await fetch(w.resource, { method: 'PATCH', body: fragment,
                    headers: auth(token, { 'Content-Type': 'application/trickle-ice-sdpfrag', 'If-Match': w.etag }) });
                  w.patches.push(r.status);
                };
                pc.onicecandidate = e => {
                  const line = e.candidate ? 'a=' + e.candidate.candidate : 'a=end-of-candidates';
                  if (e.candidate && e.candidate.sdpMLineIndex > 0) return; // one bundle: the first section's are enough
                  if (w.resource && !w.restarting) trickle(line); else w.pending.push(line);
                };
                const offer = await pc.createOffer();
                [w.ufrag, w.pwd] = credentials(offer.sdp);
                const r = await fetch(url, { method: 'POST', body: offer.sdp, headers: auth(token, { 'Content-Type': 'application/sdp' }) });
                w.status = r.status;
                w.location = r.headers.get('location');
                w.etag = r.headers.get('etag');
                w.acceptPatch = r.headers.get('accept-patch');
                w.link = r.headers.get('link');
                w.type = r.headers.get('content-type');
                w.body = await r.text();
                if (r.status !== 201) { pc.close(); media.getTracks().forEach(t => t.stop()); return w; }
                await pc.setLocalDescription(offer);
                await pc.setRemoteDescription({ type: 'answer', sdp: w.body });
                w.resource = new URL(w.location, url).toString();
                w.pending.splice(0).forEach(trickle);
                return w;
              };
              window.whipRestart = async (w, token) => {
                w.restarting = true; // the new generation's candidates wait for the server's answer to the restart
                w.pc.restartIce();
                const offer = await w.pc.createOffer();
                await w.pc.setLocalDescription(offer);
                [w.ufrag, w.pwd] = credentials(offer.sdp);
                const r = await fetch(w.resource, { method: 'PATCH', body: 'a=ice-ufrag:' + w.ufrag + '\\r\\na=ice-pwd:' + w.pwd + '\\r\\n',
                  headers: auth(token, { 'Content-Type': 'application/trickle-ice-sdpfrag', 'If-Match': '*' }) });
                const done = { status: r.status, etag: r.headers.get('etag'), type: r.headers.get('content-type'), fragment: await r.text() };
                if (r.status !== 200) { w.restarting = false; return done; }
                const [ufrag, pwd] = credentials(done.fragment);
                const candidates = [...done.fragment.matchAll(/a=candidate:.*\\r\\n/g)].map(m => m[0]).join('');
                const sdp = w.pc.remoteDescription.sdp.replace(/a=ice-ufrag:.*\\r\\n/g, 'a=ice-ufrag:' + ufrag + '\\r\\n')
                  .replace(/a=ice-pwd:.*\\r\\n/g, 'a=ice-pwd:' + pwd + '\\r\\n').replace(/a=candidate:.*\\r\\n/g, '')
                  .replace(/a=end-of-candidates\\r\\n/g, '').replace(/(a=mid:.*\\r\\n)/, '$1' + candidates);
                await w.pc.setRemoteDescription({ type: 'answer', sdp });
                w.etag = done.etag;
                w.restarting = false;
                w.pending.splice(0).forEach(w.trickle);
                return done;
              };
            })();
            """;

    private WhipClients() {
    }

    /** Puts the tests' own client into {@code page} ({@code window.whip}, {@code window.whipRestart}). */
    static void ours(Page page) {
        page.evaluate(OURS);
    }

    /** Loads medooze's client, unchanged, into {@code page} as {@code window.WHIPClient}. */
    static void medooze(Page page) throws IOException, InterruptedException {
        String module = MEDOOZE.file("package/whip.js");
        page.evaluate("async source => { const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));"
                + " window.WHIPClient = (await import(url)).WHIPClient; }", module);
    }

    /**
     * Publishes with the tests' client in {@code page} (kept as {@code window.w}) to the WHIP
     * endpoint {@code url}; what the POST answered: {@code status, location, etag, acceptPatch, link, type, body}.
     */
    static JsonObject publish(Page page, String url, String token) {
        Object answered = page.evaluate("async ([url, token]) => { window.w = await window.whip(url, token);"
                + " const w = window.w; return JSON.stringify({ status: w.status, location: w.location, etag: w.etag,"
                + " acceptPatch: w.acceptPatch, link: w.link, type: w.type, body: w.body }); }",
                java.util.Arrays.asList(url, token));
        return Json.createReader(new StringReader((String) answered)).readObject();
    }

    /** The statuses of the trickle PATCHes the tests' client has had answered so far. */
    @SuppressWarnings("unchecked")
    static List<Integer> patches(Page page) {
        return ((List<Number>) page.evaluate("() => window.w.patches")).stream().map(Number::intValue).toList();
    }
}
