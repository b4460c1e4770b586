// @ts-check
import { showStats } from './stats.js';
import { Signalbox, SignalboxError } from '../sdk/signalbox.js';

// Shared by the demo pages: the page around each one's own controls, and a client whose every
// callback, error and state change is shown (and kept in window.demo for the browser tests).
// What the page shows is read from the client each time something happens, so it is never older
// than the client's own state: a tile per remote stream the client receives, and a status line
// with the signaling connection and each stream's state.

/**
 * @typedef {{events: string[], errors: {error: string, message?: string}[], peerStates: Record<string, string>,
 *   ready?: boolean, client?: Signalbox, stats?: Record<string, any>, viewers?: Record<string, number>,
 *   names: Record<string, string>}} DemoRecord
 */

/** What the page saw, in order; the browser tests read it. */
const record = /** @type {DemoRecord} */ ({ events: [], errors: [], peerStates: {}, names: {} });
/** @type {any} */ (window).demo = record;

const PAGE = `
  <header class="bar"><a class="brand" href="../">Signalbox</a>
    <nav><a href="p2p.html">1:1 call</a><a href="conference.html">Conference</a><a href="publish.html">Publish</a><a href="play.html">Play</a></nav></header>
  <h1></h1>
  <section class="panel">
    <div class="controls" id="own"></div>
    <div class="controls">
      <label>Token <input id="token" size="28" placeholder="only when the server requires one"></label>
      <button id="copy-link" class="secondary">Copy link</button> <output id="copied"></output>
    </div>
    <div class="controls" id="media-controls">
      <button id="camera-off" class="secondary">Camera off</button><button id="camera-on" class="secondary">Camera on</button>
      <button id="mic-off" class="secondary">Mic off</button><button id="mic-on" class="secondary">Mic on</button>
      <button id="screen" class="secondary">Share screen</button><button id="screen-stop" class="secondary">Stop sharing</button>
    </div>
  </section>
  <p id="state" class="state">signaling: not connected</p>
  <div id="videos"><figure class="tile own"><video id="local" autoplay playsinline muted title="local"></video>
    <figcaption><b>you</b> <span class="figures"></span></figcaption></figure><div id="remotes"></div></div>
  <details open><summary>Live figures</summary><div id="stats"></div></details>
  <details><summary>Callbacks and errors</summary><ol id="log" reversed></ol></details>`;

/** @type {HTMLOListElement} */
let logList;
/** @type {HTMLElement} */
let stateLine;
/** @type {HTMLElement} */
let remotes;
let signaling = 'not connected';
/** @type {Map<string, string>} streams that ended without this page asking, to why */
const ended = new Map();

/**
 * Builds the page around the controls in {@code <main id="demo">}, connects a client and wires
 * the token field, the link to share, and (unless {@code camera} is false, as on the play page)
 * the camera, microphone and screen buttons; returns the client.
 * @param {{camera?: boolean, share?: (url: URL) => URL}} [page] share: the link to copy, from
 *   this page's (the publish page hands out the play page's)
 */
export async function startDemo({ camera = true, share = (url) => url } = {}) {
  const own = byId('demo');
  const controls = [...own.childNodes];
  own.innerHTML = PAGE;
  /** @type {HTMLElement} */ (own.querySelector('h1')).textContent = document.title.replace(/^Signalbox demo: /, '');
  byId('own').append(...controls);
  logList = /** @type {HTMLOListElement} */ (byId('log'));
  stateLine = byId('state');
  remotes = byId('remotes');
  const query = new URLSearchParams(location.search);
  // ?height=720 asks the camera for that height (the fake camera of the tests makes any size).
  const height = Number(query.get('height')) || 0;
  /** @type {import('../sdk/signalbox').SignalboxOptions} */
  const options = height ? { mediaConstraints: { video: { height: { ideal: height } }, audio: true } } : {};
  // ?relay=1 sends media through the server's TURN server alone.
  if (query.get('relay') === '1') options.iceTransportPolicy = 'relay';
  const client = demoClient(options);
  const token = input('token');
  token.value = query.get('token') || '';
  // Every command the client sends from now on carries it (publish, play, join, joinRoom).
  const useToken = () => { client.options.token = token.value.trim() || undefined; };
  token.addEventListener('input', useToken);
  useToken();
  onClick('copy-link', () => copyLink(share));
  if (camera) {
    onClick('camera-off', () => { client.turnOffLocalCamera(); tellPublished(client, 'video', false); });
    onClick('camera-on', () => { client.turnOnLocalCamera(); tellPublished(client, 'video', true); });
    onClick('mic-off', () => { client.muteLocalMic(); tellPublished(client, 'audio', false); });
    onClick('mic-on', () => { client.unmuteLocalMic(); tellPublished(client, 'audio', true); });
    onClick('screen', () => client.startScreenShare());
    onClick('screen-stop', () => client.stopScreenShare());
  } else {
    byId('media-controls').remove();
    /** @type {HTMLElement} */ (document.querySelector('.tile.own')).remove();
  }
  showStats(client, byId('stats'));
  await client.connect();
  return client;
}

/**
 * Tells the viewers and room members of every stream this page publishes that its camera or
 * microphone went off or on (videoToggled, audioToggled).
 * @param {Signalbox} client
 * @param {'video'|'audio'} kind
 * @param {boolean} enabled
 */
function tellPublished(client, kind, enabled) {
  for (const [streamId, role] of client.roles) {
    if (role !== 'publish') continue;
    if (kind === 'video') client.toggleVideo(streamId, '', enabled);
    else client.toggleAudio(streamId, '', enabled);
  }
}

/**
 * @param {string} kind
 * @param {string} name
 * @param {unknown} [detail]
 */
function show(kind, name, detail) {
  const item = document.createElement('li');
  item.className = kind;
  item.textContent = `${new Date().toISOString().slice(11, 23)} ${kind} ${name}`
    + (detail ? ` ${typeof detail === 'string' ? detail : JSON.stringify(detail, skipMedia)}` : '');
  logList.prepend(item);
}

/**
 * @param {string} k
 * @param {unknown} v
 */
function skipMedia(k, v) {
  return v instanceof MediaStream ? `[MediaStream ${v.id}]` : v;
}

/** @param {import('../sdk/signalbox').SignalboxOptions} [options] */
function demoClient(options = {}) {
  const client = new Signalbox({
    localVideo: /** @type {HTMLVideoElement} */ (byId('local')),
    ...options,
    callback: (info, object) => {
      if (info === 'subscriberCount') return; // asked every second by the live figures, shown there
      record.events.push(info);
      show('callback', info, object);
      learn(client, info, object);
      refresh(client);
    },
    callbackError: (error, message) => {
      record.errors.push({ error, message: typeof message === 'string' ? message : /** @type {any} */ (message)?.message });
      show('error', error, message);
      refresh(client);
    },
  });
  client.addEventListener('stream', (e) => attach(e.detail.streamId, e.detail.stream));
  client.addEventListener('state', (e) => {
    const d = e.detail;
    if (d.peer) record.peerStates[d.subscriberId ? `${d.streamId}/${d.subscriberId}` : d.streamId || ''] = d.peer;
    if (d.connection) signaling = d.connection === 'open' ? 'open' : d.willReconnect ? 'closed, reconnecting' : 'closed';
    show('state', d.connection ? 'signaling' : 'peer', d);
    refresh(client);
  });
  record.client = client;
  return client;
}

/**
 * Keeps what the server says of streams: their names (captions), and which ended without this
 * page asking (the status line).
 * @param {Signalbox} client
 * @param {string} info
 * @param {any} frame
 */
function learn(client, info, frame) {
  const streamId = frame?.streamId;
  if (info === 'joinedTheRoom') for (const member of frame.streamList || []) named(member.streamId, member.streamName);
  if (info === 'streamJoined') named(streamId, frame.streamName);
  if (info === 'play_started') {
    ended.delete(streamId);
    client.getBroadcastObject(streamId); // its name, for the caption
  }
  if (info === 'broadcastObject') {
    try {
      named(streamId, JSON.parse(frame.broadcast).name);
    } catch {
      // no name to show: the caption keeps the id
    }
  }
  if (info === 'publish_started' || info === 'joined') ended.delete(streamId);
  if (info === 'play_finished') ended.set(streamId, 'ended: its publisher stopped');
  if (info === 'publish_finished' && client.roles.get(streamId) === 'publish') ended.set(streamId, 'ended by the server');
  if (info === 'videoToggled' || info === 'audioToggled') {
    const tile = tileOf(streamId);
    if (tile) tile.dataset[info === 'videoToggled' ? 'video' : 'audio'] = frame.enabled ? 'on' : 'off';
  }
}

/**
 * @param {string} streamId
 * @param {string} [name]
 */
function named(streamId, name) {
  if (!streamId || !name || name === streamId) return;
  record.names[streamId] = name;
  const tile = tileOf(streamId);
  if (tile) /** @type {HTMLElement} */ (tile.querySelector('b')).textContent = name;
}

/**
 * The page again, from the client's state: a tile stays only while the client receives its
 * stream (a peer that left, a stream stopped, a member gone, this page's own leave or stop all
 * close it), and the status line says where signaling and each stream stand.
 * @param {Signalbox} client
 */
function refresh(client) {
  for (const tile of [...remotes.querySelectorAll('figure.tile')]) {
    const streamId = /** @type {HTMLElement} */ (tile).dataset.stream || '';
    if (!client.links.has(streamId)) tile.remove();
  }
  const parts = [`signaling: ${signaling}`];
  for (const [streamId, role] of client.roles) parts.push(`${streamId}: ${ended.get(streamId) || status(client, streamId, role)}`);
  stateLine.textContent = parts.join(' · ');
}

/**
 * @param {Signalbox} client
 * @param {string} streamId
 * @param {string} role
 */
function status(client, streamId, role) {
  const links = [...client.links].filter(([k]) => k === streamId || k.startsWith(streamId + '/')).map(([, l]) => l);
  const connected = links.filter((l) => l.pc.connectionState === 'connected').length;
  if (role === 'p2p') return links.length === 0 ? 'waiting for the other peer' : connected ? 'in a call' : 'connecting';
  if (role === 'play') return links.length === 0 ? 'waiting for the stream' : connected ? 'playing' : 'connecting';
  // A publisher: to each viewer (mesh), or to the media server.
  if (links.length === 1 && !links[0].subscriberId) return connected ? 'publishing to the media server' : 'connecting';
  return `publishing, ${connected} viewer connection${connected === 1 ? '' : 's'}`;
}

/**
 * A tile per remote stream: its video, captioned with its name (its id until the server says
 * one) and (from stats.js) its live figures.
 * @param {string} streamId
 * @param {MediaStream} stream
 */
function attach(streamId, stream) {
  let tile = tileOf(streamId);
  if (!tile) {
    tile = document.createElement('figure');
    tile.className = 'tile';
    tile.dataset.stream = streamId;
    tile.title = streamId;
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = true; // autoplay without a click; the demo is about seeing the signal work
    video.title = streamId;
    const caption = document.createElement('figcaption');
    const name = document.createElement('b');
    name.textContent = record.names[streamId] || streamId;
    const figures = document.createElement('span');
    figures.className = 'figures';
    caption.append(name, ' ', figures);
    tile.append(video, caption);
    remotes.append(tile);
  }
  /** @type {HTMLVideoElement} */ (tile.querySelector('video')).srcObject = stream;
}

/** @param {string} streamId */
function tileOf(streamId) {
  return /** @type {HTMLElement | null} */ (remotes.querySelector(`figure[data-stream="${CSS.escape(streamId)}"]`));
}

/**
 * Copies the link to this page with its id (never the token: each user brings their own).
 * @param {(url: URL) => URL} share
 */
async function copyLink(share) {
  const url = new URL(location.href);
  url.searchParams.delete('token');
  const link = share(url).href;
  const copied = byId('copied');
  try {
    await navigator.clipboard.writeText(link);
    copied.textContent = 'copied';
  } catch {
    copied.textContent = link; // no clipboard (not a secure context): show it to copy by hand
  }
}

/**
 * Prefills the input with that id from the query (so a link or a test can set it), else with
 * {@code prefix} and a random suffix when a prefix is given, and (unless {@code shared} is false,
 * as for a person's own name) keeps the page's address carrying it: a reload keeps the id, and
 * the address is the link to share. Returns a getter.
 * @param {string} id
 * @param {string} prefix
 * @param {{shared?: boolean}} [options]
 */
export function field(id, prefix, { shared = true } = {}) {
  const box = input(id);
  box.value = new URLSearchParams(location.search).get(id)
    || (prefix ? prefix + Math.random().toString(36).slice(2, 8) : '');
  if (!shared) return () => box.value.trim();
  const remember = () => {
    const url = new URL(location.href);
    if (box.value) url.searchParams.set(id, box.value);
    else url.searchParams.delete(id);
    history.replaceState(null, '', url);
  };
  box.addEventListener('input', remember);
  remember();
  return () => box.value.trim();
}

/**
 * Wires a button to an async action, showing what it throws in the log, and the page's state
 * after it.
 * @param {string} id
 * @param {() => unknown} action
 */
export function onClick(id, action) {
  byId(id).addEventListener('click', () => {
    Promise.resolve().then(action)
      // The client reports its own errors (callbackError, shown already); anything else is shown here.
      .catch((e) => { if (!(e instanceof SignalboxError)) show('error', e.name || 'Error', e.message); })
      .finally(() => record.client && refresh(record.client));
  });
}

/** @param {string} id */
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
}

/** @param {string} id */
function input(id) {
  return /** @type {HTMLInputElement} */ (byId(id));
}
