// @ts-check
import { PendingAnswers } from './answers.js';
import { SdkError, ServerError, SignalboxError } from './errors.js';
import { SignalingConnection } from './connection.js';
import { LocalMedia } from './media.js';
import { PeerLink } from './peer.js';
import { AskAgainAfterReconnect, MediaServerRecovery } from './recovery.js';
import { RoomMembership } from './rooms.js';

export { SdkError, ServerError, SignalboxError } from './errors.js';

/**
 * What signalbox.d.ts declares, but the typed addEventListener overloads, which narrow
 * EventTarget's own (the class inherits it).
 * @typedef {Omit<import('./signalbox').Signalbox, 'addEventListener'>} Declared
 */

/** Refusals of a publish or play that leave the one going on before it as it was. */
const KEPT_AFTER_REFUSAL = [ServerError.AlreadyPublishing, ServerError.AlreadyPlaying];

/** How long a publish or play through the media server may take to connect before it is asked for again. */
const MEDIA_SERVER_CONNECT_MILLIS = 15000;

/**
 * A Signalbox client: peer-to-peer calls (join), publish and play, and rooms, over one signaling
 * connection. Reports through AMS-style callback(info, object) and callbackError(error, message),
 * and as events: 'notification', 'stream', 'error', 'state'. join, publish, play and joinRoom
 * return promises of the server's answer: they resolve with the joined, publish_started,
 * play_started or joinedTheRoom notification, and reject with a {@link SignalboxError} carrying
 * the server's definition and error frame when the server refuses. The build checks (tsc) that it
 * is what signalbox.d.ts declares.
 * @implements {Declared}
 */
export class Signalbox extends EventTarget {
  /** @param {import('./signalbox').SignalboxOptions} options */
  constructor(options = {}) {
    super();
    this.options = options;
    this.url = options.url || defaultUrl();
    this.media = new LocalMedia(options.mediaConstraints || { video: true, audio: true });
    /** @type {Map<string, PeerLink>} */
    this.links = new Map();
    /** @type {Map<string, 'p2p'|'publish'|'play'>} what this client does with each stream */
    this.roles = new Map();
    /** @type {Map<string, any[]>} */
    this.ladders = new Map();
    this.rooms = new RoomMembership();
    this.recovery = new MediaServerRecovery();
    this.again = new AskAgainAfterReconnect();
    /** @type {Map<string, {streamName?: string, mainTrack?: string, metaData?: string, token?: string}>} how each published stream was asked for */
    this.publishing = new Map();
    /** @type {Map<string, any>} publishes and plays through the media server waiting to connect, to their timers */
    this.connectWatch = new Map();
    /** @type {RTCIceServer[]} the server's STUN and TURN servers, unless options.iceServers are given */
    this.iceServers = [];
    /** @type {Map<string, {streamName: string, metadata: string, token?: string}>} how each room was joined */
    this.roomsAsked = new Map();
    this.answers = new PendingAnswers();
    this.connection = new SignalingConnection(this.url, options);
    onDetail(this.connection, 'message', (frame) => this.onFrame(frame));
    onDetail(this.connection, 'open', ({ reconnected }) => this.onOpen(reconnected));
    onDetail(this.connection, 'close', (closed) => {
      if (!closed.willReconnect) this.answers.abandonAll(notConnected('the connection closed before the server answered'));
      this.emit('state', { connection: 'closed', ...closed });
    });
  }

  async connect() {
    try {
      await this.connection.open();
    } catch (e) {
      this.raise(e);
      throw e;
    }
    await this.askIceServers();
  }

  /**
   * Unless options.iceServers are given, asks the server for its STUN and TURN servers (TURN
   * credentials made for this session) and waits up to 3 s for them; every peer connection
   * opened afterwards uses them.
   */
  askIceServers() {
    if (this.options.iceServers) return Promise.resolve();
    return new Promise((/** @type {(value?: undefined) => void} */ resolve) => {
      const timer = setTimeout(resolve, 3000);
      this.iceAnswered = () => { clearTimeout(timer); resolve(); };
      this.send({ command: 'getIceServerConfig' });
    });
  }

  /** Opens the camera and microphone (once) and shows them in options.localVideo. */
  async openLocalMedia() {
    try {
      const stream = await this.media.open();
      if (this.options.localVideo) this.options.localVideo.srcObject = stream;
      return stream;
    } catch (e) {
      this.raise(e);
      throw e;
    }
  }

  /**
   * Joins a peer-to-peer call; the second peer to join makes the call start. Resolves with the
   * joined notification.
   * @param {string} streamId
   * @param {{mode?: 'both'|'play', token?: string}} [options]
   */
  async join(streamId, { mode = 'both', token } = {}) {
    if (mode !== 'play') await this.openLocalMedia();
    this.roles.set(streamId, 'p2p');
    return this.ask('join', streamId, { command: 'join', streamId, mode, multiPeer: false, token: token ?? this.options.token ?? '' });
  }

  /** @param {string} streamId */
  leave(streamId) {
    this.forget(streamId);
    this.send({ command: 'leave', streamId });
  }

  /**
   * Publishes the local camera and microphone; each viewer gets its own peer connection (or,
   * through a media server, the server does). Resolves with the publish_started notification.
   * @param {string} streamId
   * @param {{streamName?: string, mainTrack?: string, metaData?: string, token?: string}} [options]
   */
  async publish(streamId, { streamName = '', mainTrack = '', metaData = '', token } = {}) {
    await this.openLocalMedia();
    this.roles.set(streamId, 'publish');
    this.publishing.set(streamId, { streamName, mainTrack, metaData, token });
    return this.ask('publish', streamId, { command: 'publish', streamId, token: token ?? this.options.token ?? '',
      streamName, mainTrack, metaData, video: true, audio: true });
  }

  /**
   * Plays a published stream; its video arrives as a 'stream' event and newStreamAvailable.
   * Resolves with the play_started notification.
   * @param {string} streamId
   * @param {{token?: string, room?: string}} [options]
   */
  play(streamId, options = {}) {
    const answered = this.answers.wait('play', streamId);
    if (!this.askPlay(streamId, options)) this.answers.abandon(streamId, notConnected('cannot send play'));
    return answered;
  }

  /**
   * Sends play (first or again, after a refusal the SDK retries or a reconnect); false when it
   * could not be sent.
   * @param {string} streamId
   * @param {{token?: string, room?: string}} [options]
   */
  askPlay(streamId, { token, room = '' } = {}) {
    this.roles.set(streamId, 'play');
    return this.send({ command: 'play', streamId, token: token ?? this.options.token ?? '', room, subscriberId: '' });
  }

  /**
   * Stops publishing or playing a stream; a promise still waiting for its answer is rejected
   * (AbortError).
   * @param {string} streamId
   */
  stop(streamId) {
    this.forget(streamId);
    this.send({ command: 'stop', streamId });
  }

  /**
   * Turns a published stream's video on or off for everybody: its viewers and room members get
   * the videoToggled notification, and its broadcast object says so (protocol section 6b).
   * @param {string} streamId
   * @param {string} trackId echoed back; empty: the stream's id
   * @param {boolean} enabled
   */
  toggleVideo(streamId, trackId, enabled) {
    this.send({ command: 'toggleVideo', streamId, trackId, enabled });
  }

  /**
   * As {@link toggleVideo}, for audio (audioToggled).
   * @param {string} streamId
   * @param {string} trackId
   * @param {boolean} enabled
   */
  toggleAudio(streamId, trackId, enabled) {
    this.send({ command: 'toggleAudio', streamId, trackId, enabled });
  }

  /**
   * Replaces a published stream's metadata (free text; '' clears it): its viewers and room
   * members get the streamMetaDataUpdated notification.
   * @param {string} streamId
   * @param {string} metaData
   */
  updateStreamMetaData(streamId, metaData) {
    this.send({ command: 'updateStreamMetaData', streamId, metaData });
  }

  /**
   * Asks for a stream's broadcast object; answered by the broadcastObject callback.
   * @param {string} streamId
   */
  getBroadcastObject(streamId) {
    this.send({ command: 'getBroadcastObject', streamId });
  }

  /**
   * Asks for a room's members; answered by the roomInformation callback ({room, streams, streamList}).
   * @param {string} room
   * @param {string} [streamId]
   */
  getRoomInfo(room, streamId = '') {
    this.send({ command: 'getRoomInfo', room, streamId, token: this.options.token ?? '' });
  }

  /**
   * Sends any JSON to the other side of a stream (the other peer of a call, or between a
   * publisher and its viewer); it arrives there as the peerMessageCommand callback.
   * @param {string} streamId
   * @param {string} definition
   * @param {any} data
   */
  peerMessage(streamId, definition, data) {
    this.send({ command: 'peerMessageCommand', streamId, definition, data });
  }

  /** Asks for one rung of a played stream's ladder by its height (0: automatic); answered by resolutionChangeInfo. */
  forceStreamQuality(streamId, streamHeight) {
    this.send({ command: 'forceStreamQuality', streamId, streamHeight });
  }

  /** Asks for a stream's ladder; answered by the streamInformation callback. */
  getStreamInfo(streamId) {
    this.send({ command: 'getStreamInfo', streamId });
  }

  /** Asks how many play a stream; answered by the subscriberCount callback ({streamId, count}). */
  getSubscriberCount(streamId) {
    this.send({ command: 'getSubscriberCount', streamId });
  }

  /**
   * Enters a room: publishes this client's stream there and plays every other member's. Resolves
   * with the joinedTheRoom notification.
   * @param {string} room
   * @param {string} [streamId] this member's stream; the server makes one when empty
   * @param {{streamName?: string, metadata?: string, token?: string}} [options]
   */
  async joinRoom(room, streamId = '', { streamName = '', metadata = '', token } = {}) {
    await this.openLocalMedia();
    this.rooms.entered(room, streamId);
    this.roomsAsked.set(room, { streamName, metadata, token });
    return this.ask('joinRoom', room, { command: 'joinRoom', room, streamId, streamName, metadata, mode: 'mcu',
      token: token ?? this.options.token ?? '' });
  }

  /**
   * Leaves a room: stops this member's stream and every member stream it plays (so the server
   * counts them no more at once, as when a tab closes), then tells the room.
   * @param {string} room
   */
  leaveFromRoom(room) {
    const { own, members } = this.rooms.left(room);
    this.roomsAsked.delete(room);
    for (const streamId of /** @type {string[]} */ ([own, ...members].filter(Boolean))) {
      const asked = this.roles.has(streamId);
      this.forget(streamId);
      if (asked) this.send({ command: 'stop', streamId });
    }
    this.send({ command: 'leaveFromRoom', room, streamId: own || '' });
  }

  turnOnLocalCamera() { this.guard(() => this.media.turnOn('video')); }
  turnOffLocalCamera() { this.guard(() => this.media.turnOff('video')); }
  unmuteLocalMic() { this.guard(() => this.media.turnOn('audio')); }
  muteLocalMic() { this.guard(() => this.media.turnOff('audio')); }

  /** Sends the screen instead of the camera on every connection. */
  async startScreenShare() {
    try {
      const screen = await this.media.openScreen();
      screen.addEventListener('ended', () => this.stopScreenShare());
      await Promise.all([...this.links.values()].map((link) => link.replaceVideo(screen)));
    } catch (e) {
      this.raise(e);
    }
  }

  async stopScreenShare() {
    this.media.closeScreen();
    await Promise.all([...this.links.values()].map((link) => link.replaceVideo(this.media.cameraTrack)));
  }

  close() {
    this.answers.abandonAll(notConnected('the client was closed before the server answered'));
    for (const key of [...this.links.keys()]) this.closeLink(key);
    this.connection.close();
    this.media.close();
  }

  // --- incoming frames ---

  onFrame(frame) {
    const { command, streamId } = frame;
    switch (command) {
      case 'start': return this.onStart(streamId, frame.subscriberId, frame.encoderSettings);
      case 'takeConfiguration':
        // An offer that maps its media sections to streams comes from a media server (a relayed
        // one carries an empty mapping, for Ant Media's SDK).
        if (frame.idMapping && Object.keys(frame.idMapping).length > 0 && this.roles.get(streamId) === 'play') {
          this.recovery.through(streamId);
          this.watchConnect(streamId, 'play');
        }
        return this.linkFor(frame, true)?.takeConfiguration(frame);
      case 'takeCandidate': return this.linkFor(frame, false)?.takeCandidate(frame);
      case 'stop': return this.onStop(streamId, frame.subscriberId);
      case 'forceStreamQuality':
        return this.links.get(key(streamId, frame.subscriberId))?.applyLadder(this.ladders.get(streamId), frame.streamHeight)
          .catch((e) => console.warn('signalbox: stream quality not changed', e));
      case 'iceServerConfig':
        this.iceServers = frame.iceServers || [];
        this.iceAnswered?.();
        this.iceAnswered = null;
        return undefined;
      case 'notification': return this.onNotification(frame);
      case 'error': return this.onServerError(frame);
      case 'pong': return undefined;
      default: return this.callback(command, frame);
    }
  }

  /**
   * Offers to a viewer (mesh: one connection per subscriberId), to a P2P peer, or, through a
   * media server (no subscriberId), to the server, sending the ladder's rungs as simulcast layers.
   */
  onStart(streamId, subscriberId, layers) {
    if (!subscriberId && this.roles.get(streamId) === 'publish') {
      this.recovery.through(streamId);
      this.watchConnect(streamId, 'publish');
    }
    const link = this.openLink(streamId, subscriberId, true, subscriberId ? undefined : layers);
    if (!this.media.stream) link.receiveOnly(); // a play-mode P2P peer offers to receive only
    link.offer().then(() => link.applyLadder(this.ladders.get(streamId)))
      // A browser that cannot cap its encodings still sends: the call goes on at full rate.
      .catch((e) => console.warn('signalbox: encoder settings not applied', e));
  }

  onStop(streamId, subscriberId) {
    if (subscriberId && this.roles.get(streamId) === 'publish') {
      this.closeLink(key(streamId, subscriberId));
    } else {
      this.closeLink(key(streamId));
    }
    this.callback('stop', { streamId, subscriberId });
  }

  onNotification(frame) {
    const { definition, streamId, room } = frame;
    if (definition === 'publish_started') {
      this.ladders.set(streamId, frame.encoderSettings || []);
      // Through a media server the one connection of a published stream is up before this arrives.
      this.links.get(key(streamId))?.applyLadder(this.ladders.get(streamId))
        .catch((e) => console.warn('signalbox: encoder settings not applied', e));
    }
    if (definition === 'joinedTheRoom') {
      this.rooms.entered(room, streamId);
      const asked = this.roomsAsked.get(room);
      this.publish(streamId, { mainTrack: room, streamName: asked?.streamName, metaData: asked?.metadata, token: asked?.token })
        .catch(() => { /* raised already */ });
      for (const other of frame.streams || []) this.playInRoom(room, other, 0);
    }
    if (definition === 'publish_started' || definition === 'play_started') {
      this.recovery.succeeded(streamId);
      this.again.done(streamId);
    }
    if ((definition === 'publish_finished' || definition === 'play_finished')) this.recoverLater(streamId);
    if (definition === 'streamJoined' && this.rooms.has(room)) this.playInRoom(room, streamId, 0);
    if (definition === 'streamLeaved' && this.rooms.has(room)) this.forget(streamId);
    if (definition === 'server_will_stop') this.connection.moveOn();
    this.answers.notified(frame);
    this.emit('notification', frame);
    this.callback(definition, frame);
  }

  onServerError(frame) {
    const wait = frame.definition === ServerError.NoStreamExist || frame.definition === ServerError.StreamIdInUse ? this.again.next(frame.streamId) : null;
    if (wait !== null) {
      setTimeout(() => {
        const role = this.roles.get(frame.streamId);
        if (role === 'publish') this.republish(frame.streamId);
        if (role === 'play') this.askPlay(frame.streamId);
      }, wait);
      return;
    }
    if (frame.definition === ServerError.MediaServerUnavailable || frame.definition === ServerError.NoStreamExist) {
      this.recoverLater(frame.streamId);
    }
    const retry = frame.definition === ServerError.NoStreamExist ? this.rooms.retry(frame.streamId) : null;
    if (retry) {
      setTimeout(() => this.playInRoom(retry.room, frame.streamId, retry.attempt), retry.delayMillis);
      return;
    }
    const refused = this.answers.refused(frame);
    // A refused request registered nothing on the server: nor does the client keep it (a
    // second publish or play of what still goes on, and what recovers, stay).
    if (refused.includes('joinRoom')) {
      this.rooms.left(frame.room);
      this.roomsAsked.delete(frame.room);
    }
    if (refused.some((r) => r !== 'joinRoom') && !KEPT_AFTER_REFUSAL.includes(frame.definition)
        && !this.recovery.covers(frame.streamId)) {
      this.forget(frame.streamId);
    }
    this.emit('error', { error: frame.definition, message: frame });
    if (this.options.callbackError) this.options.callbackError(frame.definition, frame);
  }

  /**
   * A stream this client still publishes or plays through a media server has ended without its
   * asking (the media server was lost, or unreachable): publish or play it again, later.
   */
  recoverLater(streamId) {
    const role = this.roles.get(streamId);
    if (!this.recovery.covers(streamId) || (role !== 'publish' && role !== 'play')) return;
    this.recovery.retry(streamId, () => {
      this.closeLink(key(streamId));
      if (role === 'publish') this.republish(streamId);
      else this.askPlay(streamId);
    });
  }

  /** Publishes a stream again as it was first asked for (a room member's stream stays in its room). */
  republish(streamId) {
    this.publish(streamId, this.publishing.get(streamId)).catch(() => { /* raised already */ });
  }

  /**
   * A publish or play through the media server whose connection is not up 15 s after it started
   * (its ICE or DTLS never completed, on a loaded machine) is stopped and, as any the media
   * server ended, asked for again (recoverLater on its publish_finished or play_finished).
   */
  watchConnect(streamId, role) {
    clearTimeout(this.connectWatch.get(streamId));
    this.connectWatch.set(streamId, setTimeout(() => {
      this.connectWatch.delete(streamId);
      const link = this.links.get(key(streamId));
      if (this.roles.get(streamId) !== role || !link || link.pc.connectionState === 'connected') return;
      console.warn('signalbox: the media server connection of', streamId, 'did not come up; asking again');
      this.send({ command: 'stop', streamId }); // its publish_finished or play_finished brings the next try
    }, MEDIA_SERVER_CONNECT_MILLIS));
  }

  playInRoom(room, streamId, attempt) {
    if (!this.rooms.shouldPlay(room, streamId)) return;
    this.rooms.playing(room, streamId, attempt);
    this.askPlay(streamId, { room });
  }

  onOpen(reconnected) {
    this.emit('state', { connection: 'open', reconnected });
    if (!reconnected) return;
    this.askIceServers(); // fresh TURN credentials for the new session
    // The server released everything with the old socket: ask for it all again.
    for (const k of [...this.links.keys()]) this.closeLink(k);
    for (const [streamId, role] of [...this.roles]) {
      if (this.rooms.covers(streamId)) continue; // joinRoom below asks for these again
      if (role === 'p2p') this.send({ command: 'join', streamId, mode: 'both', multiPeer: false, token: this.options.token ?? '' });
      if (role === 'publish' || role === 'play') this.again.asked(streamId);
      if (role === 'publish') this.republish(streamId);
      if (role === 'play') this.askPlay(streamId);
    }
    for (const [room, streamId] of this.rooms.entries()) this.joinRoom(room, streamId, this.roomsAsked.get(room)).catch(() => {});
    this.callback('reconnected', {});
  }

  // --- peer connections ---

  linkFor(frame, create) {
    const role = this.roles.get(frame.streamId);
    const k = role === 'publish' ? key(frame.streamId, frame.subscriberId) : key(frame.streamId);
    const existing = this.links.get(k);
    if (existing || !create) return existing;
    // The answering side takes its m-lines from the offer; it only adds what it sends.
    return this.openLink(frame.streamId, role === 'publish' ? frame.subscriberId : undefined, role !== 'play');
  }

  openLink(streamId, subscriberId, sending, layers) {
    const k = key(streamId, subscriberId);
    this.closeLink(k);
    const link = new PeerLink({ streamId, subscriberId, iceServers: this.options.iceServers ?? this.iceServers,
      iceTransportPolicy: this.options.iceTransportPolicy });
    if (sending && this.media.stream) {
      if (layers && layers.length > 1) link.sendLayers(this.media.stream, layers);
      else link.send(this.media.stream);
    }
    onDetail(link, 'signal', (frame) => this.send(frame));
    onDetail(link, 'failure', (error) => this.raise(error));
    onDetail(link, 'track', (stream) => {
      this.emit('stream', { streamId, stream });
      this.callback('newStreamAvailable', { streamId, stream });
    });
    onDetail(link, 'state', (peer) => this.emit('state', { streamId, subscriberId, peer }));
    this.links.set(k, link);
    return link;
  }

  closeLink(k) {
    const link = this.links.get(k);
    if (link) link.close();
    this.links.delete(k);
  }

  forget(streamId) {
    for (const k of [...this.links.keys()]) {
      if (k === streamId || k.startsWith(streamId + '/')) this.closeLink(k);
    }
    this.roles.delete(streamId);
    this.publishing.delete(streamId);
    clearTimeout(this.connectWatch.get(streamId));
    this.connectWatch.delete(streamId);
    this.again.done(streamId);
    this.rooms.forget(streamId);
    this.recovery.forget(streamId);
    this.answers.abandon(streamId, new SignalboxError(SdkError.AbortError, `${streamId} was stopped before the server answered`));
  }

  // --- reporting ---

  /**
   * Sends a frame; false (and NoActiveConnection raised) when the connection is not open.
   * @param {object & {command: string}} frame
   */
  send(frame) {
    if (!this.connection.isOpen) {
      this.raise(notConnected(`cannot send ${frame.command}`));
      return false;
    }
    this.connection.send(frame);
    return true;
  }

  /**
   * Sends a request and returns the promise of its answer (see {@link PendingAnswers}).
   * @param {'publish'|'play'|'join'|'joinRoom'} request
   * @param {string} id its stream, or its room
   * @param {object & {command: string}} frame
   */
  ask(request, id, frame) {
    const answered = this.answers.wait(request, id);
    if (!this.send(frame)) this.answers.abandon(id, notConnected(`cannot send ${frame.command}`));
    return answered;
  }

  guard(action) {
    try {
      action();
    } catch (e) {
      this.raise(e);
    }
  }

  raise(e) {
    const name = e instanceof SignalboxError ? e.name : SdkError.NoActiveConnection;
    const message = e && e.message ? e.message : String(e);
    this.emit('error', { error: name, message });
    if (this.options.callbackError) this.options.callbackError(name, message);
  }

  callback(info, object) {
    if (this.options.callback) this.options.callback(info, object);
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/**
 * Listens to the CustomEvents of the SDK's own parts, handing over their detail.
 * @param {EventTarget} target
 * @param {string} type
 * @param {(detail: any) => void} handler
 */
function onDetail(target, type, handler) {
  target.addEventListener(type, (e) => handler(/** @type {CustomEvent} */ (e).detail));
}

/** @param {string} why */
function notConnected(why) {
  return new SignalboxError(SdkError.NoActiveConnection, `not connected: ${why}`);
}

/**
 * @param {string} streamId
 * @param {string} [subscriberId]
 */
function key(streamId, subscriberId) {
  return subscriberId ? `${streamId}/${subscriberId}` : streamId;
}

function defaultUrl() {
  const url = new URL('/websocket', globalThis.location ? location.href : 'http://localhost/');
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
