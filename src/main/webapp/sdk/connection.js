// @ts-check
import { SdkError, SignalboxError } from './errors.js';

/**
 * The signaling WebSocket: sends JSON frames, pings to keep the session alive, and after a
 * dropped socket reconnects with exponential backoff; when the server says it will stop, it
 * reconnects at once ({@link moveOn}), and a node that refuses it while draining (close code
 * 1013) only lengthens the wait. Events: 'open' (detail: {reconnected}),
 * 'message' (detail: the parsed frame), 'close' (detail: {code, willReconnect}).
 */
export class SignalingConnection extends EventTarget {
  /**
   * @param {string} url ws:// or wss:// address of /websocket
   * @param {{pingMillis?: number, reconnect?: boolean, backoffMillis?: number, maxBackoffMillis?: number}} [options]
   */
  constructor(url, options = {}) {
    super();
    this.url = url;
    this.pingMillis = options.pingMillis ?? 20000;
    this.reconnect = options.reconnect ?? true;
    this.backoffMillis = options.backoffMillis ?? 500;
    this.maxBackoffMillis = options.maxBackoffMillis ?? 10000;
    /** @type {WebSocket|null} */
    this.socket = null;
    this.closedByUser = false;
    this.attempt = 0;
    /** Sockets refused in a row by a server that takes no new session (1013): each doubles the wait. */
    this.refusals = 0;
    this.opened = false;
  }

  /** Opens the socket; resolves once it is open. */
  open() {
    if (typeof globalThis.WebSocket !== 'function') {
      return Promise.reject(new SignalboxError(SdkError.WebSocketNotSupported, 'this environment has no WebSocket'));
    }
    this.closedByUser = false;
    return new Promise((/** @type {(value?: undefined) => void} */ resolve, reject) => {
      const socket = new WebSocket(this.url);
      this.socket = socket;
      let settled = false;
      socket.onopen = () => {
        settled = true;
        const reconnected = this.opened;
        this.opened = true;
        this.attempt = 0;
        this.startPing();
        this.dispatchEvent(new CustomEvent('open', { detail: { reconnected } }));
        resolve();
      };
      socket.onmessage = (event) => {
        this.refusals = 0; // a server that answers took this session
        let frame;
        try {
          frame = JSON.parse(event.data);
        } catch {
          return; // the server only sends JSON; anything else is not for us
        }
        this.dispatchEvent(new CustomEvent('message', { detail: frame }));
      };
      socket.onclose = (event) => {
        this.stopPing();
        if (event.code === 1013) this.refusals += 1;
        const willReconnect = this.reconnect && !this.closedByUser && this.opened;
        this.dispatchEvent(new CustomEvent('close', { detail: { code: event.code, willReconnect } }));
        if (!settled) {
          settled = true;
          reject(new SignalboxError(SdkError.NoActiveConnection, `could not connect to ${this.url}`));
        }
        if (willReconnect) this.scheduleReconnect();
      };
    });
  }

  /** @param {object} frame */
  send(frame) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      throw new SignalboxError(SdkError.WebSocketNotSupported, 'the socket is not open');
    }
    this.socket.send(JSON.stringify(frame));
  }

  get isOpen() {
    return !!this.socket && this.socket.readyState === WebSocket.OPEN;
  }

  close() {
    this.closedByUser = true;
    this.stopPing();
    clearTimeout(this.retryTimer);
    if (this.socket) this.socket.close(1000);
  }

  /**
   * The server will stop (it sent server_will_stop): closes this socket and opens another at the
   * same address at once, which a load balancer gives to another node; everything is then asked
   * for again, as after a dropped socket.
   */
  moveOn() {
    if (!this.socket || this.closedByUser) return;
    this.attempt = 0;
    this.socket.close(1000);
  }

  scheduleReconnect() {
    const delay = Math.min(this.maxBackoffMillis, this.backoffMillis * 2 ** (this.attempt + this.refusals));
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.open().catch(() => { /* onclose already scheduled the next try */ });
    }, delay);
  }

  startPing() {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (this.socket && this.isOpen) this.socket.send('{"command":"ping"}');
    }, this.pingMillis);
  }

  stopPing() {
    clearInterval(this.pingTimer);
  }
}
