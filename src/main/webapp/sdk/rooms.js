// @ts-check
// Which mesh rooms a client is in, its own stream in each, and the members' streams it plays.

// Through the media server a member's stream plays only once its media reaches the server, some
// seconds after streamJoined on a busy machine: tries keep coming for about half a minute.
const PLAY_RETRIES = 20;
const MAX_RETRY_DELAY_MILLIS = 2000;

/** Book-keeping for joinRoom: the Signalbox client asks it what to publish, play and retry. */
export class RoomMembership {
  constructor() {
    /** @type {Map<string, string>} room to this client's own stream id */
    this.own = new Map();
    /** @type {Map<string, {room: string, attempt: number}>} played member stream to its room */
    this.played = new Map();
  }

  entered(room, streamId) { this.own.set(room, streamId); }

  /** Forgets the room; returns this client's stream id in it and the member streams it played. */
  left(room) {
    const own = this.own.get(room);
    this.own.delete(room);
    const members = [...this.played].filter(([, p]) => p.room === room).map(([streamId]) => streamId);
    members.forEach((streamId) => this.played.delete(streamId));
    return { own, members };
  }

  has(room) { return this.own.has(room); }

  /** True when this client should play streamId as a member of room (not its own, room still joined). */
  shouldPlay(room, streamId) { return this.own.has(room) && this.own.get(room) !== streamId; }

  playing(room, streamId, attempt) { this.played.set(streamId, { room, attempt }); }

  /**
   * A new member's streamJoined can arrive before its publish does, so its play meets
   * no_stream_exist: returns the next try (room, attempt and delay) or null when it is not one.
   */
  retry(streamId) {
    const p = this.played.get(streamId);
    if (!p || p.attempt >= PLAY_RETRIES) return null;
    return { room: p.room, attempt: p.attempt + 1, delayMillis: Math.min(MAX_RETRY_DELAY_MILLIS, 150 * (p.attempt + 1)) };
  }

  /** True for a stream this client publishes or plays because of a room. */
  covers(streamId) { return this.played.has(streamId) || [...this.own.values()].includes(streamId); }

  forget(streamId) { this.played.delete(streamId); }

  entries() { return [...this.own]; }
}
