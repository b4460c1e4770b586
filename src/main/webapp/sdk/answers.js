// @ts-check
import { ServerError, SignalboxError } from './errors.js';

/**
 * What answers each request the SDK's promises wait for: the notification that resolves it, and
 * the error definitions (protocol.md section 3) the server refuses it with. An error frame names
 * the stream or room but not the command, so an error resolves a waiting request only when it is
 * one that request can get (a getStreamInfo's no_encoder_settings does not fail a waiting play).
 * @type {Readonly<Record<'publish'|'play'|'join'|'joinRoom', {answer: string, refusals: string[]}>>}
 */
const REQUESTS = Object.freeze({
  publish: {
    answer: 'publish_started',
    refusals: [ServerError.NoStreamNameSpecified, ServerError.NotAllowedUnregisteredStreams,
      ServerError.UnauthorizedAccess, ServerError.NoEncoderSettings, ServerError.InvalidStreamName,
      ServerError.StreamIdInUse, ServerError.AlreadyPublishing, ServerError.RoomFull,
      ServerError.RoomNotActiveOrExpired, ServerError.MediaServerUnavailable, ServerError.PublishTimeoutError],
  },
  play: {
    answer: 'play_started',
    refusals: [ServerError.NoStreamNameSpecified, ServerError.UnauthorizedAccess, ServerError.InvalidStreamName,
      ServerError.AlreadyPlaying, ServerError.NoStreamExist, ServerError.ViewerLimitReached,
      ServerError.MediaServerRequired, ServerError.MediaServerUnavailable],
  },
  join: {
    answer: 'joined',
    refusals: [ServerError.NoStreamNameSpecified, ServerError.NotAllowedUnregisteredStreams,
      ServerError.UnauthorizedAccess, ServerError.InvalidStreamName, ServerError.NoSpaceForNewPeer],
  },
  joinRoom: {
    answer: 'joinedTheRoom',
    refusals: [ServerError.NoRoomSpecified, ServerError.NotAllowedUnregisteredStreams,
      ServerError.UnauthorizedAccess, ServerError.InvalidStreamName, ServerError.StreamIdInUse,
      ServerError.RoomFull, ServerError.RoomNotActiveOrExpired],
  },
});

/** Refusals any request can get: the frame could not be handled at all. */
const ANY_REQUEST = [ServerError.InvalidMessage, ServerError.RateLimited, ServerError.ServerError];

/**
 * @typedef {keyof typeof REQUESTS} Request
 * @typedef {{resolve: (frame: any) => void, reject: (error: Error) => void}} Waiter
 */

/**
 * The requests waiting for the server's answer, by kind and stream (a room for joinRoom): the
 * promises of publish, play, join and joinRoom settle here. Several calls for the same stream
 * share the answer.
 */
export class PendingAnswers {
  constructor() {
    /** @type {Map<string, Waiter[]>} */
    this.waiting = new Map();
  }

  /**
   * @param {Request} request
   * @param {string} id the stream, or the room of a joinRoom
   * @returns {Promise<any>} the notification that answered it
   */
  wait(request, id) {
    return new Promise((resolve, reject) => {
      const k = `${request} ${id}`;
      this.waiting.set(k, [...(this.waiting.get(k) || []), { resolve, reject }]);
    });
  }

  /**
   * A notification arrived: resolves the requests it answers.
   * @param {any} frame
   */
  notified(frame) {
    for (const [request, { answer }] of Object.entries(REQUESTS)) {
      if (frame.definition !== answer) continue;
      const id = request === 'joinRoom' ? frame.room : frame.streamId;
      this.settle(`${request} ${id}`, (w) => w.resolve(frame));
    }
  }

  /**
   * The server refused (an error frame the SDK does not retry on its own): rejects the requests
   * of the stream or room it names that it can be the answer to, with an Error carrying the
   * definition and the frame. Returns the kinds of request it rejected.
   * @param {any} frame
   * @returns {Request[]}
   */
  refused(frame) {
    const error = new SignalboxError(frame.definition, frame.message || frame.definition, undefined, frame);
    /** @type {Request[]} */
    const rejected = [];
    for (const [request, { refusals }] of Object.entries(REQUESTS)) {
      if (!refusals.includes(frame.definition) && !ANY_REQUEST.includes(frame.definition)) continue;
      // An empty or missing id is refused without naming one (noStreamNameSpecified, no_room_specified).
      const id = (request === 'joinRoom' ? frame.room : frame.streamId) ?? '';
      if (this.settle(`${request} ${id}`, (w) => w.reject(error))) rejected.push(/** @type {Request} */ (request));
    }
    return rejected;
  }

  /**
   * Rejects what waits for one stream or room (it was stopped or left before the answer came).
   * @param {string} id
   * @param {Error} error
   */
  abandon(id, error) {
    for (const request of Object.keys(REQUESTS)) this.settle(`${request} ${id}`, (w) => w.reject(error));
  }

  /**
   * Rejects everything (the client closed, or its connection is gone for good).
   * @param {Error} error
   */
  abandonAll(error) {
    for (const k of [...this.waiting.keys()]) this.settle(k, (w) => w.reject(error));
  }

  /**
   * @param {string} k
   * @param {(w: Waiter) => void} action
   * @returns {boolean} whether anything waited
   */
  settle(k, action) {
    const waiters = this.waiting.get(k) || [];
    this.waiting.delete(k);
    waiters.forEach(action);
    return waiters.length > 0;
  }
}
