// @ts-check
import { SdkError, SignalboxError, mediaError } from './errors.js';

/** The local camera, microphone and screen: one MediaStream whose tracks the peer connections send. */
export class LocalMedia {
  /** @param {MediaStreamConstraints} constraints */
  constructor(constraints) {
    this.constraints = constraints;
    /** @type {MediaStream|null} */
    this.stream = null;
    /** @type {MediaStreamTrack|null} */
    this.cameraTrack = null;
    /** @type {MediaStreamTrack|null} */
    this.screenTrack = null;
  }

  /** Opens the devices once; later calls return the same stream. */
  async open() {
    if (this.stream) return this.stream;
    if (!globalThis.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      throw new SignalboxError(SdkError.NotSupportedError,
        'camera and microphone need a secure context (HTTPS or localhost)');
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia(this.constraints);
    } catch (e) {
      throw mediaError(e);
    }
    this.cameraTrack = this.stream.getVideoTracks()[0] || null;
    return this.stream;
  }

  /** @param {'audio'|'video'} kind */
  track(kind) {
    const stream = this.requireStream();
    return kind === 'audio' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
  }

  /** @param {'audio'|'video'} kind */
  turnOn(kind) {
    const track = this.track(kind);
    if (!track) throw new SignalboxError(SdkError.NoActiveConnection, `there is no local ${kind} track`);
    if (track.enabled) {
      throw new SignalboxError(kind === 'audio' ? SdkError.AudioAlreadyActive : SdkError.VideoAlreadyActive,
        `${kind} is already on`);
    }
    track.enabled = true;
  }

  /** @param {'audio'|'video'} kind */
  turnOff(kind) {
    const track = this.track(kind);
    if (track) track.enabled = false;
  }

  /**
   * Asks for a screen and returns its video track; the caller swaps it into its senders.
   * @returns {Promise<MediaStreamTrack>}
   */
  async openScreen() {
    this.requireStream();
    let display;
    try {
      display = await navigator.mediaDevices.getDisplayMedia({ video: true });
    } catch (e) {
      throw new SignalboxError(SdkError.ScreenSharePermissionDenied, 'the screen share was refused', e);
    }
    this.screenTrack = display.getVideoTracks()[0];
    return this.screenTrack;
  }

  closeScreen() {
    if (this.screenTrack) this.screenTrack.stop();
    this.screenTrack = null;
  }

  close() {
    this.closeScreen();
    if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
    this.stream = null;
    this.cameraTrack = null;
  }

  requireStream() {
    if (!this.stream) throw new SignalboxError(SdkError.NoActiveConnection, 'there is no active local stream');
    return this.stream;
  }
}
