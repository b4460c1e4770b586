// @ts-check
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

/**
 * After a reconnect every stream is asked for again, and the other clients come back in any
 * order: a play may reach the server before its publisher's publish (no_stream_exist), a publish
 * before the old node has let the stream go (streamIdInUse). Such a request is asked again,
 * waiting 0.5 s, then twice as long each time up to 8 s, at most 10 times, until it starts.
 */
export class AskAgainAfterReconnect {
  constructor() {
    /** @type {Map<string, number>} stream asked for again to the tries made since */
    this.pending = new Map();
  }

  /** {@code streamId} was asked for again on a new socket. */
  asked(streamId) { this.pending.set(streamId, 0); }

  /** It started, or the client let it go: no more tries. */
  done(streamId) { this.pending.delete(streamId); }

  /** The wait before asking again after a refusal, or null when it is not waited for or was tried enough. */
  next(streamId) {
    if (!this.pending.has(streamId)) return null;
    const attempt = this.pending.get(streamId) ?? 0;
    if (attempt >= 10) {
      this.pending.delete(streamId);
      return null;
    }
    this.pending.set(streamId, attempt + 1);
    return Math.min(8000, 500 * 2 ** attempt);
  }
}
