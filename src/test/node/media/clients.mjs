// Browserless WebRTC clients (werift, pure TypeScript) for Signalbox's media tests and its media
// benchmark: a WHIP publisher (RFC 9725, the whole offer in one POST, as OBS sends it) and a
// player that speaks Signalbox's WebSocket protocol as Ant Media's SDK does, counting RTP
// packets, bytes, losses and key frames without decoding.
import { MediaStreamTrack, RTCPeerConnection, Vp8RtpPayload } from 'werift';
import { WebSocket } from 'ws';

const GATHER_MILLIS = 5_000;

/** Milliseconds since the epoch, to the fraction: comparable between worker threads. */
export const now = () => performance.timeOrigin + performance.now();

/**
 * A peer connection whose candidates are only on `bind` (the host's end of a test's veth pair),
 * with no STUN server: traffic goes only where the test says.
 */
export function peerConnection(bind) {
  if (!bind) throw new Error('a bind address is needed: without one werift would use every interface of this host');
  return new RTCPeerConnection({
    iceServers: [],
    iceUseIpv6: false,
    iceInterfaceAddresses: { udp4: bind },
    bundlePolicy: 'max-bundle',
  });
}

function gathered(pc) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ICE gathering not complete in ${GATHER_MILLIS} ms`)), GATHER_MILLIS);
    pc.iceGatheringStateChange.subscribe(state => {
      if (state === 'complete') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/** Resolves once `pc` is connected, rejects when it fails or `millis` pass. */
export function connected(pc, millis) {
  if (pc.connectionState === 'connected') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not connected in ${millis} ms (${pc.connectionState})`)), millis);
    pc.connectionStateChange.subscribe(state => {
      if (state === 'connected') {
        clearTimeout(timer);
        resolve();
      } else if (state === 'failed') {
        clearTimeout(timer);
        reject(new Error('connection failed'));
      }
    });
  });
}

/**
 * Publishes `source` (a ClipSource) to `url` with one POST of a complete offer; `kinds` are the
 * tracks sent. Resolves with `{pc, status, resource, close()}` once the answer is applied, or with
 * `{status, body}` when the POST was refused. `close()` sends the DELETE.
 */
export async function whipPublish({ url, token, bind, source, kinds = ['audio', 'video'] }) {
  const pc = peerConnection(bind);
  for (const kind of kinds) {
    const track = new MediaStreamTrack({ kind });
    const transceiver = pc.addTransceiver(track, { direction: 'sendonly' });
    if (kind === 'video') transceiver.sender.onPictureLossIndication.subscribe(() => source.keyFrame());
    source.add(track);
  }
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  const headers = { 'Content-Type': 'application/sdp' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(url, { method: 'POST', body: pc.localDescription.sdp, headers });
  const body = await r.text();
  if (r.status !== 201) {
    await pc.close();
    return { status: r.status, body };
  }
  await pc.setRemoteDescription({ type: 'answer', sdp: body });
  const resource = new URL(r.headers.get('location'), url).toString();
  return {
    pc,
    status: r.status,
    resource,
    async close() {
      const deleted = await fetch(resource, { method: 'DELETE', headers: token ? { Authorization: `Bearer ${token}` } : {} });
      await pc.close();
      return deleted.status;
    },
  };
}

/**
 * Plays `streamId` over Signalbox's WebSocket at `ws`: Janus's offer comes as takeConfiguration,
 * the answer and the candidates go back. The returned player's `stats` count what arrives (times
 * are `now()`: asked, the offer came, play_started, ICE connected, connected (DTLS too), first
 * packet, first key frame); `events` are the notifications and errors heard. `close()` closes the
 * socket and the connection.
 */
export function play({ ws, streamId, token, bind }) {
  const stats = { asked: 0, offered: 0, started: 0, iceConnected: 0, connected: 0, ...received() };
  const events = [];
  const pc = peerConnection(bind);
  const lost = counting(pc, stats);
  pc.iceConnectionStateChange.subscribe(state => {
    if (state === 'connected' && !stats.iceConnected) stats.iceConnected = now();
  });
  pc.connectionStateChange.subscribe(state => {
    if (state === 'connected' && !stats.connected) stats.connected = now();
  });
  const socket = signaling(ws, events, () => {
    stats.asked = now();
    socket.send(token ? { command: 'play', streamId, token } : { command: 'play', streamId });
  }, async m => {
    if (m.command === 'takeConfiguration' && m.type === 'offer') {
      if (!stats.offered) stats.offered = now();
      await answer(pc, m.sdp);
      socket.send({ command: 'takeConfiguration', streamId, type: 'answer', sdp: pc.localDescription.sdp });
    } else if (m.command === 'takeCandidate') {
      await pc.addIceCandidate({ candidate: m.candidate, sdpMid: m.id, sdpMLineIndex: m.label });
    } else if (m.command === 'notification' || m.command === 'error') {
      if (m.definition === 'play_started' && !stats.started) stats.started = now();
      events.push(m.definition);
    }
  });
  trickle(pc, socket, streamId);
  return {
    pc,
    stats,
    events,
    lost,
    async close() {
      socket.close();
      await pc.close();
    },
  };
}

/**
 * A conference member over Signalbox's WebSocket (protocol §7a): joins `room` as `streamId`,
 * publishes `source` into the room's conference (`publish` with `mainTrack`, its offer answered by
 * Janus), then plays the room, every other member on one connection, answering each new offer as
 * members come. `stats` count what arrives and when (`now()`: asked, published, first packet);
 * `feeds()` is how many other members' video has come.
 */
export function member({ ws, room, streamId, bind, source }) {
  const stats = { asked: 0, published: 0, offered: 0, ...received() };
  const events = [];
  const upload = peerConnection(bind);
  const download = peerConnection(bind);
  const videos = new Set(); // the SSRCs of other members' video seen
  for (const kind of ['audio', 'video']) {
    const track = new MediaStreamTrack({ kind });
    const transceiver = upload.addTransceiver(track, { direction: 'sendonly' });
    if (kind === 'video') transceiver.sender.onPictureLossIndication.subscribe(() => source.keyFrame());
    source.add(track);
  }
  const lost = counting(download, stats, ssrc => videos.add(ssrc));
  const socket = signaling(ws, events, () => {
    stats.asked = now();
    socket.send({ command: 'joinRoom', room, streamId });
  }, async m => {
    if (m.command === 'notification' && m.definition === 'joinedTheRoom') {
      socket.send({ command: 'publish', streamId, mainTrack: room });
    } else if (m.command === 'start' && m.streamId === streamId) {
      await upload.setLocalDescription(await upload.createOffer());
      socket.send({ command: 'takeConfiguration', streamId, type: 'offer', sdp: upload.localDescription.sdp });
    } else if (m.command === 'takeConfiguration' && m.streamId === streamId && m.type === 'answer') {
      await upload.setRemoteDescription({ type: 'answer', sdp: m.sdp });
    } else if (m.command === 'takeConfiguration' && m.streamId === room && m.type === 'offer') {
      if (!stats.offered) stats.offered = now();
      await answer(download, m.sdp);
      socket.send({ command: 'takeConfiguration', streamId: room, type: 'answer', sdp: download.localDescription.sdp });
    } else if (m.command === 'takeCandidate') {
      const pc = m.streamId === streamId ? upload : download;
      await pc.addIceCandidate({ candidate: m.candidate, sdpMid: m.id, sdpMLineIndex: m.label });
    } else if (m.command === 'notification' || m.command === 'error') {
      if (m.definition === 'publish_started' && !stats.published) {
        stats.published = now();
        socket.send({ command: 'play', streamId: room, room, trackList: [`!${streamId}`], userPublishId: streamId });
      }
      events.push(m.definition);
    }
  });
  trickle(upload, socket, streamId);
  trickle(download, socket, room);
  return {
    stats,
    events,
    feeds: () => videos.size,
    lost,
    async close() {
      socket.close();
      await Promise.all([upload.close(), download.close()]);
    },
  };
}

/** What a receiving client counts: the first packet and key frame, packets, bytes, key frames. */
function received() {
  return { firstPacket: 0, firstKeyFrame: 0, packets: 0, bytes: 0, keyFrames: 0 };
}

/**
 * Counts into `stats` what `pc` receives, without decoding (`video` hears each video packet's
 * SSRC); returns `lost()`: the packets expected from the sequence numbers seen, less those that came.
 */
function counting(pc, stats, video = () => {}) {
  const sequences = new Map(); // per SSRC: [first extended sequence number, highest]
  pc.onTransceiverAdded.subscribe(transceiver => transceiver.onTrack.subscribe(track => track.onReceiveRtp.subscribe(rtp => {
    const at = now();
    stats.packets++;
    stats.bytes += rtp.payload.length;
    if (!stats.firstPacket) stats.firstPacket = at;
    count(sequences, rtp.header);
    if (track.kind === 'video') {
      video(rtp.header.ssrc);
      const vp8 = Vp8RtpPayload.deSerialize(rtp.payload);
      if (vp8.isPartitionHead && vp8.isKeyframe) {
        stats.keyFrames++;
        if (!stats.firstKeyFrame) stats.firstKeyFrame = at;
      }
    }
  })));
  return () => {
    let expected = 0;
    for (const [first, highest] of sequences.values()) expected += highest - first + 1;
    return Math.max(0, expected - stats.packets);
  };
}

/**
 * One signaling WebSocket: `opened` once it is open, each message (JSON) to `handle`, whose
 * failure is counted in `events` and not fatal (the run goes on and reports it), a ping every 5 s.
 */
function signaling(ws, events, opened, handle) {
  const socket = new WebSocket(ws);
  const send = message => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(message));
  const pinging = setInterval(() => send({ command: 'ping' }), 5_000);
  socket.on('open', opened);
  socket.on('message', async data => {
    try {
      await handle(JSON.parse(data.toString()));
    } catch (e) {
      events.push(`client: ${e.message}`);
    }
  });
  socket.on('error', e => events.push(`socket: ${e.message}`));
  return {
    send,
    close() {
      clearInterval(pinging);
      socket.close();
    },
  };
}

/** Sends each candidate `pc` gathers for `streamId` as takeCandidate. */
function trickle(pc, socket, streamId) {
  pc.onIceCandidate.subscribe(c => {
    if (c) socket.send({ command: 'takeCandidate', streamId, label: c.sdpMLineIndex ?? 0, id: c.sdpMid ?? '0', candidate: c.candidate });
  });
}

/** Applies an offer to `pc` and makes its answer. */
async function answer(pc, sdp) {
  await pc.setRemoteDescription({ type: 'offer', sdp });
  await pc.setLocalDescription(await pc.createAnswer());
}

/** Extends RTP's 16-bit sequence numbers per SSRC and keeps the first and the highest. */
function count(sequences, header) {
  const seen = sequences.get(header.ssrc);
  if (!seen) {
    sequences.set(header.ssrc, [header.sequenceNumber, header.sequenceNumber]);
    return;
  }
  const highest = seen[1];
  let extended = (highest & ~0xffff) + header.sequenceNumber;
  if (extended < highest - 0x8000) extended += 0x10000;
  else if (extended > highest + 0x8000) extended -= 0x10000;
  if (extended > highest) seen[1] = extended;
}
