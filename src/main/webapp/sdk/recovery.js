/**
 * Book-keeping for streams published or played through a media server: when the server ends one
 * this client did not stop (the media server was lost, or was unreachable when asked), the
 * client asks again, waiting 1 s, then twice as long each time up to 10 s, until it works.
 */
export class MediaServerRecovery {
  constructor() {
    /** @type {Map<string, {attempt: number, timer: any}>} streams carried by a media server */
    this.streams = new Map();
  }

  /** Notes that {@code streamId} goes through a media server. */
  through(streamId) {
    if (!this.streams.has(streamId)) this.streams.set(streamId, { attempt: 0, timer: null });
  }

  covers(streamId) {
    return this.streams.has(streamId);
  }

  /** The stream works again: the next failure starts from the shortest wait. */
  succeeded(streamId) {
    const s = this.streams.get(streamId);
    if (s) s.attempt = 0;
  }

  /** Runs {@code action} after the next wait, unless a try is already waiting. */
  retry(streamId, action) {
    const s = this.streams.get(streamId);
    if (!s || s.timer) return;
    const delay = Math.min(10000, 1000 * 2 ** s.attempt);
    s.attempt += 1;
    s.timer = setTimeout(() => {
      s.timer = null;
      if (this.streams.get(streamId) === s) action();
    }, delay);
  }

  /** The client stopped the stream itself: no more tries. */
  forget(streamId) {
    const s = this.streams.get(streamId);
    if (s && s.timer) clearTimeout(s.timer);
    this.streams.delete(streamId);
  }
}
