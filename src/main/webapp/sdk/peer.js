// @ts-check
import { SdkError, SignalboxError } from './errors.js';

/**
 * One RTCPeerConnection to one remote side, and the offer/answer/candidate steps of it. The
 * owner passes signals in and gets 'signal' (detail: a frame to send), 'track' (detail: the
 * remote MediaStream, once per stream), 'state' (detail: connectionState) and 'failure' (detail: SignalboxError).
 */
export class PeerLink extends EventTarget {
  /**
   * @param {{streamId: string, subscriberId?: string, iceServers?: RTCIceServer[],
   *   iceTransportPolicy?: RTCIceTransportPolicy}} options
   */
  constructor({ streamId, subscriberId, iceServers, iceTransportPolicy }) {
    super();
    this.streamId = streamId;
    this.subscriberId = subscriberId;
    this.pc = new RTCPeerConnection({ iceServers: iceServers || [], iceTransportPolicy: iceTransportPolicy || 'all' });
    /** @type {RTCIceCandidateInit[]} */
    this.pendingCandidates = [];
    this.pc.onicecandidate = (event) => {
      if (!event.candidate) return;
      this.signal({
        command: 'takeCandidate', label: event.candidate.sdpMLineIndex,
        id: event.candidate.sdpMid, candidate: event.candidate.candidate,
      });
    };
    /** @type {Set<MediaStream>} the remote streams told already (ontrack fires once per track) */
    this.remoteStreams = new Set();
    /** @type {MediaStream | null} the tracks that came without a stream, gathered in one */
    this.looseTracks = null;
    this.pc.ontrack = (event) => {
      let stream = event.streams[0];
      if (!stream && this.looseTracks) {
        this.looseTracks.addTrack(event.track);
        return;
      }
      if (!stream) stream = this.looseTracks = new MediaStream([event.track]);
      if (this.remoteStreams.has(stream)) return;
      this.remoteStreams.add(stream);
      this.dispatchEvent(new CustomEvent('track', { detail: stream }));
    };
    this.pc.onconnectionstatechange = () => {
      this.dispatchEvent(new CustomEvent('state', { detail: this.pc.connectionState }));
    };
  }

  /** @param {MediaStream} stream sends its tracks */
  send(stream) {
    stream.getTracks().forEach((track) => this.pc.addTrack(track, stream));
  }

  /**
   * Sends the stream's video as simulcast layers, one per rung of the ladder (the three highest),
   * listed from the highest down with rids h, m, l: the order Janus expects.
   * @param {MediaStream} stream
   * @param {{height: number, videoBitrate: number}[]} ladder
   */
  sendLayers(stream, ladder) {
    const rungs = [...ladder].sort((a, b) => b.height - a.height).slice(0, 3);
    for (const track of stream.getTracks()) {
      if (track.kind !== 'video') {
        this.pc.addTrack(track, stream);
        continue;
      }
      const source = track.getSettings().height || rungs[0].height;
      this.pc.addTransceiver(track, {
        direction: 'sendonly', streams: [stream],
        sendEncodings: rungs.map((rung, i) => ({
          rid: ['h', 'm', 'l'][i], maxBitrate: rung.videoBitrate, scaleResolutionDownBy: Math.max(1, source / rung.height),
        })),
      });
    }
  }

  /** Receive-only: asks for audio and video without sending any. */
  receiveOnly() {
    this.pc.addTransceiver('audio', { direction: 'recvonly' });
    this.pc.addTransceiver('video', { direction: 'recvonly' });
  }

  async offer() {
    let description;
    try {
      description = await this.pc.createOffer();
    } catch (e) {
      this.fail(new SignalboxError(SdkError.NotSetLocalDescription, reason(e), e));
      return;
    }
    await this.setLocal(description);
  }

  /** @param {{type: RTCSdpType, sdp: string}} frame a takeConfiguration */
  async takeConfiguration(frame) {
    if (frame.type === 'answer' && this.pc.signalingState === 'stable') {
      // No offer of ours waits: an answer to one the other side dropped (it stopped and played
      // again, as Ant Media's player does when it reconnects). Its next answer is the one.
      console.warn('signalbox: an answer with no offer waiting is ignored', this.streamId);
      return;
    }
    try {
      await this.pc.setRemoteDescription({ type: frame.type, sdp: frame.sdp });
    } catch (e) {
      this.fail(new SignalboxError(SdkError.NotSetRemoteDescription, reason(e), e));
      return;
    }
    for (const candidate of this.pendingCandidates.splice(0)) {
      await this.addCandidate(candidate);
    }
    if (frame.type === 'offer') {
      let answer;
      try {
        answer = await this.pc.createAnswer();
      } catch (e) {
        this.fail(new SignalboxError(SdkError.NotSetLocalDescription, reason(e), e));
        return;
      }
      await this.setLocal(answer);
    }
  }

  /** @param {{label: number, id: string, candidate: string}} frame a takeCandidate */
  async takeCandidate(frame) {
    const candidate = { candidate: frame.candidate, sdpMLineIndex: Number(frame.label), sdpMid: frame.id };
    if (!this.pc.remoteDescription) {
      this.pendingCandidates.push(candidate);
      return;
    }
    await this.addCandidate(candidate);
  }

  /**
   * Caps what this link sends to the ladder's top rung (or the one asked for).
   * @param {{height: number, videoBitrate: number}[] | undefined} ladder
   * @param {number} [height] 0 or absent for the highest rung
   */
  async applyLadder(ladder, height) {
    if (!ladder || ladder.length === 0) return;
    // Simulcast layers carry the ladder already; the media server picks one per viewer.
    if (this.pc.getSenders().some((s) => (s.getParameters().encodings || []).length > 1)) return;
    const rung = (height ? ladder.find((r) => r.height === height) : null)
      || ladder.reduce((a, b) => (b.height > a.height ? b : a));
    for (const sender of this.pc.getSenders()) {
      if (!sender.track || sender.track.kind !== 'video') continue;
      const parameters = sender.getParameters();
      if (!parameters.encodings || parameters.encodings.length === 0) parameters.encodings = [{}];
      const sourceHeight = sender.track.getSettings().height || rung.height;
      parameters.encodings[0].maxBitrate = rung.videoBitrate;
      parameters.encodings[0].scaleResolutionDownBy = Math.max(1, sourceHeight / rung.height);
      await sender.setParameters(parameters);
    }
  }

  /** @param {MediaStreamTrack | null} track replaces the video being sent (screen share and back) */
  async replaceVideo(track) {
    for (const sender of this.pc.getSenders()) {
      if (sender.track && sender.track.kind === 'video') await sender.replaceTrack(track);
    }
  }

  close() {
    this.pc.close();
  }

  async setLocal(description) {
    try {
      await this.pc.setLocalDescription(description);
    } catch (e) {
      // The other side waits for this description: tell it (section 4, reportError) and the app.
      this.signal({ command: 'reportError', definition: SdkError.NotSetLocalDescription });
      this.fail(new SignalboxError(SdkError.NotSetLocalDescription, reason(e), e));
      return;
    }
    this.signal({ command: 'takeConfiguration', type: description.type, sdp: this.pc.localDescription?.sdp });
  }

  async addCandidate(candidate) {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch {
      // A candidate the browser cannot use is not fatal: ICE goes on with the others.
    }
  }

  signal(frame) {
    const tagged = { ...frame, streamId: this.streamId };
    if (this.subscriberId) tagged.subscriberId = this.subscriberId;
    this.dispatchEvent(new CustomEvent('signal', { detail: tagged }));
  }

  fail(error) {
    this.dispatchEvent(new CustomEvent('failure', { detail: error }));
  }
}

/**
 * What a failed WebRTC call said.
 * @param {unknown} e
 */
function reason(e) {
  return e instanceof Error ? e.message || e.name : String(e);
}
