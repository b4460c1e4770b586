// A clip encoded once, ahead of time, with ffmpeg's test sources (VP8 in IVF, Opus in Ogg), and a
// source that sends it, looped, at its own pace to any number of werift tracks: no encoding per
// client. A picture loss (PLI) skips the video ahead to the clip's next key frame, as an encoder
// answers one with a new key frame.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OggParser, OpusPacketizer, Vp8Packetizer } from 'werift/nonstandard';

const VIDEO_CLOCK = 90_000;
const OPUS_FRAME_MILLIS = 20;

/** Makes (once) and reads the clip for `kbps` kilobits a second of video into frames. */
export function loadClip(dir, kbps) {
  mkdirSync(dir, { recursive: true });
  const video = join(dir, `clip-vp8-${kbps}k.ivf`);
  const audio = join(dir, 'clip-opus.ogg');
  if (!existsSync(video)) {
    // 10 s of 640x360 at 30 frames a second, a key frame every second, at a steady rate.
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-t', '10',
      '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', `${kbps}k`, '-minrate', `${kbps}k`,
      '-maxrate', `${kbps}k`, '-g', '30', '-keyint_min', '30', '-auto-alt-ref', '0', `${video}.part.ivf`]);
    execFileSync('mv', [`${video}.part.ivf`, video]);
  }
  if (!existsSync(audio)) {
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '10',
      '-c:a', 'libopus', '-b:a', '32k', '-frame_duration', String(OPUS_FRAME_MILLIS), `${audio}.part.ogg`]);
    execFileSync('mv', [`${audio}.part.ogg`, audio]);
  }
  return { video: readIvf(readFileSync(video)), audio: readOpus(readFileSync(audio)) };
}

/** The frames of an IVF file (RFC-less but simple: a 32-byte header, then 12 bytes before each frame). */
function readIvf(buf) {
  if (buf.toString('ascii', 0, 4) !== 'DKIF') throw new Error('not an IVF file');
  const headerSize = buf.readUInt16LE(6);
  const rate = buf.readUInt32LE(16);
  const scale = buf.readUInt32LE(20);
  const frames = [];
  for (let at = headerSize; at + 12 <= buf.length;) {
    const size = buf.readUInt32LE(at);
    const pts = Number(buf.readBigUInt64LE(at + 4));
    const data = buf.subarray(at + 12, at + 12 + size);
    // VP8's frame tag: bit 0 of the first byte is 0 for a key frame (RFC 6386, 9.1).
    frames.push({ data, key: (data[0] & 1) === 0, millis: (pts * scale * 1000) / rate });
    at += 12 + size;
  }
  return frames;
}

/** The Opus packets of an Ogg file, without its two header packets. */
function readOpus(buf) {
  return new OggParser().read(buf).exportSegments().filter(p => !p.subarray(0, 8).toString('ascii').startsWith('Opus'));
}

/**
 * Sends `clip` to every track added, looped, until `stop()`; `audio` and `video` choose what is
 * sent. `sent` counts frames, and `keyFrames` the key frames sent.
 */
export class ClipSource {
  constructor(clip, { audio = true, video = true } = {}) {
    this.clip = clip;
    this.tracks = { audio: [], video: [] };
    this.sent = 0;
    this.keyFrames = 0;
    this.vp8 = new Vp8Packetizer();
    this.opus = new OpusPacketizer();
    this.frame = 0;
    this.wantKey = false;
    const start = performance.now();
    if (video) {
      let due = 0;
      const tick = () => {
        const f = this.nextVideo();
        const ts = Math.round((due * VIDEO_CLOCK) / 1000) >>> 0;
        for (const p of this.vp8.packetize(f.data, ts)) this.tracks.video.forEach(t => t.writeRtp(p));
        this.sent++;
        if (f.key) this.keyFrames++;
        due += 1000 / 30;
        this.videoTimer = setTimeout(tick, Math.max(0, start + due - performance.now()));
      };
      this.videoTimer = setTimeout(tick, 0);
    }
    if (audio) {
      let n = 0;
      const tick = () => {
        const packet = this.clip.audio[n % this.clip.audio.length];
        const ts = (n * 48 * OPUS_FRAME_MILLIS) >>> 0;
        for (const p of this.opus.packetize(packet, ts)) this.tracks.audio.forEach(t => t.writeRtp(p));
        n++;
        this.audioTimer = setTimeout(tick, Math.max(0, start + n * OPUS_FRAME_MILLIS - performance.now()));
      };
      this.audioTimer = setTimeout(tick, 0);
    }
  }

  /** The next frame to send: the next in the clip, or the next key frame when one was asked for. */
  nextVideo() {
    const frames = this.clip.video;
    if (this.wantKey) {
      this.wantKey = false;
      for (let i = 0; i < frames.length && !frames[this.frame % frames.length].key; i++) this.frame++;
    }
    return frames[this.frame++ % frames.length];
  }

  /** Sends to `track` (a werift MediaStreamTrack of kind audio or video) too. */
  add(track) {
    this.tracks[track.kind].push(track);
  }

  /** A picture loss was reported: the next video frame sent is a key frame. */
  keyFrame() {
    this.wantKey = true;
  }

  stop() {
    clearTimeout(this.videoTimer);
    clearTimeout(this.audioTimer);
  }
}
