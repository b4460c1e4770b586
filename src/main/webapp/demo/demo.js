import { showStats } from './stats.js';
import { Signalbox } from '../sdk/signalbox.js';

// Shared by the demo pages: the page around each one's own controls, and a client whose every
// callback, error and state change is shown (and kept in window.demo for the browser tests),
// with a video per remote stream.

let logList;
let stateLine;
let remotes;

const PAGE = `
  <header><a href="../">Signalbox</a><a href="p2p.html">1:1 call</a><a href="conference.html">Conference</a>
    <a href="publish.html">Publish</a><a href="play.html">Play</a></header>
  <h1></h1>
  <div class="controls" id="own"></div>
  <div class="controls">
    <button id="camera-off">Camera off</button><button id="camera-on">Camera on</button>
    <button id="mic-off">Mic off</button><button id="mic-on">Mic on</button>
    <button id="screen">Share screen</button><button id="screen-stop">Stop sharing</button>
  </div>
  <p id="state">signaling: not connected</p>
  <div id="videos"><figure class="tile own"><video id="local" autoplay playsinline muted title="local"></video>
    <figcaption><b>you</b> <span class="figures"></span></figcaption></figure><div id="remotes"></div></div>
  <h2>Live figures</h2>
  <div id="stats"></div>
  <h2>Callbacks and errors</h2>
  <ol id="log" reversed></ol>`;

/**
 * Builds the page around the controls in {@code <main id="demo">}, connects a client and wires
 * the camera, microphone and screen buttons; returns the client.
 */
export async function startDemo() {
  const own = document.getElementById('demo');
  const controls = [...own.childNodes];
  own.innerHTML = PAGE;
  own.querySelector('h1').textContent = document.title.replace(/^Signalbox demo: /, '');
  document.getElementById('own').append(...controls);
  logList = document.getElementById('log');
  stateLine = document.getElementById('state');
  remotes = document.getElementById('remotes');
  // ?height=720 asks the camera for that height (the fake camera of the tests makes any size).
  const query = new URLSearchParams(location.search);
  const height = Number(query.get('height')) || 0;
  const options = height ? { mediaConstraints: { video: { height: { ideal: height } }, audio: true } } : {};
  // ?relay=1 sends media through the server's TURN server alone.
  if (query.get('relay') === '1') options.iceTransportPolicy = 'relay';
  const client = demoClient(options);
  onClick('camera-off', () => client.turnOffLocalCamera());
  onClick('camera-on', () => client.turnOnLocalCamera());
  onClick('mic-off', () => client.muteLocalMic());
  onClick('mic-on', () => client.unmuteLocalMic());
  onClick('screen', () => client.startScreenShare());
  onClick('screen-stop', () => client.stopScreenShare());
  showStats(client, document.getElementById('stats'));
  await client.connect();
  return client;
}

/** What the page saw, in order; the browser tests read it. */
window.demo = { events: [], errors: [], peerStates: {} };

function show(kind, name, detail) {
  const item = document.createElement('li');
  item.className = kind;
  item.textContent = `${new Date().toISOString().slice(11, 23)} ${kind} ${name}`
    + (detail ? ` ${typeof detail === 'string' ? detail : JSON.stringify(detail, skipMedia)}` : '');
  logList.prepend(item);
}

function skipMedia(k, v) {
  return v instanceof MediaStream ? `[MediaStream ${v.id}]` : v;
}

/** @param {import('../sdk/signalbox').SignalboxOptions} [options] */
function demoClient(options = {}) {
  const client = new Signalbox({
    localVideo: document.getElementById('local'),
    ...options,
    callback: (info, object) => {
      if (info === 'subscriberCount') return; // asked every second by the live figures, shown there
      window.demo.events.push(info);
      show('callback', info, object);
    },
    callbackError: (error, message) => {
      window.demo.errors.push({ error, message: typeof message === 'string' ? message : message?.message });
      show('error', error, message);
    },
  });
  client.addEventListener('stream', (e) => attach(e.detail.streamId, e.detail.stream));
  client.addEventListener('notification', (e) => {
    if (e.detail.definition === 'streamLeaved' || e.detail.definition === 'play_finished') detach(e.detail.streamId);
  });
  client.addEventListener('state', (e) => {
    const d = e.detail;
    if (d.peer) window.demo.peerStates[d.subscriberId ? `${d.streamId}/${d.subscriberId}` : d.streamId] = d.peer;
    if (d.connection) stateLine.textContent = `signaling: ${d.connection}`;
    else stateLine.textContent = `peer ${d.streamId}${d.subscriberId ? '/' + d.subscriberId : ''}: ${d.peer}`;
    show('state', d.connection ? 'signaling' : 'peer', d);
  });
  window.demo.client = client;
  return client;
}

/** A tile per remote stream: its video, captioned with its id and (from stats.js) its live figures. */
function attach(streamId, stream) {
  let tile = remotes.querySelector(`figure[data-stream="${CSS.escape(streamId)}"]`);
  if (!tile) {
    tile = document.createElement('figure');
    tile.className = 'tile';
    tile.dataset.stream = streamId;
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = true; // autoplay without a click; the demo is about seeing the signal work
    video.title = streamId;
    const caption = document.createElement('figcaption');
    const name = document.createElement('b');
    name.textContent = streamId;
    const figures = document.createElement('span');
    figures.className = 'figures';
    caption.append(name, ' ', figures);
    tile.append(video, caption);
    remotes.append(tile);
  }
  tile.querySelector('video').srcObject = stream;
}

function detach(streamId) {
  remotes.querySelector(`figure[data-stream="${CSS.escape(streamId)}"]`)?.remove();
}

/**
 * Prefills the input with that id from the query (so a link or a test can set it), else with
 * {@code prefix} and a random suffix when a prefix is given; returns a getter for its value.
 */
export function field(id, prefix) {
  const input = document.getElementById(id);
  input.value = new URLSearchParams(location.search).get(id)
    || (prefix ? prefix + Math.random().toString(36).slice(2, 8) : '');
  return () => input.value;
}

/** Wires a button to an async action, showing what it throws in the log. */
export function onClick(id, action) {
  document.getElementById(id).addEventListener('click', () => {
    Promise.resolve().then(action).catch((e) => show('error', e.name || 'Error', e.message));
  });
}
