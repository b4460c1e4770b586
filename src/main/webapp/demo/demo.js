import { Signalbox } from '../sdk/signalbox.js';

// Shared by the demo pages: a client whose every callback, error and state change is shown on
// the page (and kept in window.demo for the browser tests), and a video per remote stream.

const logList = document.getElementById('log');
const stateLine = document.getElementById('state');
const remotes = document.getElementById('remotes');

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
export function demoClient(options = {}) {
  const client = new Signalbox({
    localVideo: document.getElementById('local'),
    ...options,
    callback: (info, object) => {
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

function attach(streamId, stream) {
  let video = remotes.querySelector(`video[data-stream="${CSS.escape(streamId)}"]`);
  if (!video) {
    video = document.createElement('video');
    video.dataset.stream = streamId;
    video.autoplay = true;
    video.playsInline = true;
    video.muted = true; // autoplay without a click; the demo is about seeing the signal work
    video.title = streamId;
    remotes.append(video);
  }
  video.srcObject = stream;
}

function detach(streamId) {
  remotes.querySelector(`video[data-stream="${CSS.escape(streamId)}"]`)?.remove();
}

/** The value of a query parameter, or a fallback: lets a link or a test prefill the form. */
export function param(name, fallback) {
  return new URLSearchParams(location.search).get(name) || fallback;
}

/** Wires a button to an async action, showing what it throws in the log. */
export function onClick(id, action) {
  document.getElementById(id).addEventListener('click', () => {
    Promise.resolve().then(action).catch((e) => show('error', e.name || 'Error', e.message));
  });
}
