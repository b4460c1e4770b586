// The side-by-side load generator (docs/benchmark.md): one Node process, the same scenarios
// against Signalbox, the PeerJS server, a bare `ws` relay and a bare Jakarta WebSocket relay,
// each in its own protocol. Prints one JSON line of results on stdout; asserts nothing.
//
//   node load.mjs relay --target signalbox|peerjs|ws --url URL --pairs 50 --seconds 10 [--pid PID]
//   node load.mjs connections --target ... --url URL --sessions 5000 [--pid PID] [--jcmd] [--histogram FILE]
//
// --pid names the server's process, whose CPU time (user + system) and resident memory are read
// from /proc; --jcmd also asks a Java server for its heap after a full GC, and --histogram for its
// class histogram with the sessions held.
import { WebSocket } from 'ws';
import { openSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

const [scenario, ...rest] = process.argv.slice(2);
const o = {};
for (let i = 0; i < rest.length; i++) {
  if (rest[i].startsWith('--')) {
    o[rest[i].slice(2)] = rest[i + 1] === undefined || rest[i + 1].startsWith('--') ? true : rest[++i];
  }
}
const target = o.target ?? 'signalbox';
const url = o.url;
const pid = o.pid ? Number(o.pid) : undefined;
// Generous per step; every wait below is bounded by it.
const STEP_MILLIS = 20_000;
const CANDIDATE = 'candidate:842163049 1 udp 1677729535 192.0.2.7 54321 typ srflx raddr '
  + '10.0.0.7 rport 54321 generation 0 ufrag a1b2 network-cost 999 extra-padding-to-250-bytes';
const RELAYED = target === 'signalbox' ? '{"command":"takeCandidate"' : '{"type":"CANDIDATE"';

function cpuMicros() {
  if (!pid) return NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10_000; // 100 ticks a second
}

function rssBytes() {
  if (!pid) return NaN;
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.replace(/\D/g, '')) * 1024;
}

function heapAfterGcBytes() {
  if (!pid || !o.jcmd) return NaN;
  execFileSync('jcmd', [String(pid), 'GC.run']);
  const info = execFileSync('jcmd', [String(pid), 'GC.heap_info'], { encoding: 'utf8' });
  return Number(/used (\d+)K/.exec(info)[1]) * 1024;
}

function endpoint(id) {
  switch (target) {
    case 'signalbox': return url;
    case 'peerjs': return `${url}/peerjs?key=peerjs&id=${id}&token=${id}`;
    default: return `${url}?id=${id}`;
  }
}

function withTimeout(promise, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${STEP_MILLIS} ms`)), STEP_MILLIS);
  })]).finally(() => clearTimeout(timer));
}

/** One session: resolves once the server has taken it (joined, or OPEN). */
function connect(self, stream, onFrame) {
  return withTimeout(new Promise((resolve, reject) => {
    const socket = new WebSocket(endpoint(self), { perMessageDeflate: false });
    socket.on('error', reject);
    socket.on('open', () => {
      if (target === 'signalbox') {
        socket.send(JSON.stringify({ command: 'join', streamId: stream, mode: 'both', multiPeer: false }));
      }
    });
    let ready = false;
    socket.on('message', (data) => {
      const text = data.toString();
      if (!ready) {
        if (text.includes('"joined"') || text.includes('"OPEN"')) {
          ready = true;
          resolve(socket);
        } else if (text.includes('"error"')) {
          reject(new Error(text));
        }
        return;
      }
      onFrame(text);
    });
  }), `connect ${self}`);
}

function candidate(stream, other, id) {
  return target === 'signalbox'
    ? `{"command":"takeCandidate","streamId":"${stream}","label":0,"id":"${id}","candidate":"${CANDIDATE}"}`
    : `{"type":"CANDIDATE","dst":"${other}","payload":{"id":"${id}","candidate":"${CANDIDATE}"}}`;
}

function percentile(sorted, p) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p / 100))];
}

/**
 * P pairs; each of the 2P sessions keeps one candidate in flight: its peer sends one straight
 * back, and on its return the round trip (through the server twice) is recorded and the next sent.
 */
async function relay(pairs, seconds) {
  let relayed = 0;
  let errors = 0;
  let measuring = false;
  let deadline = Infinity;
  const rtts = [];
  const peers = [];
  for (let i = 0; i < pairs; i++) {
    const stream = `load-${randomUUID()}`;
    const pair = [];
    for (const [self, other] of [[`${stream}-a`, `${stream}-b`], [`${stream}-b`, `${stream}-a`]]) {
      const peer = { self, other, stream };
      peer.send = (id) => peer.socket.send(candidate(stream, other, id));
      peer.next = () => { if (performance.now() < deadline) peer.send(performance.now()); };
      const onFrame = (text) => {
        if (!text.startsWith(RELAYED)) {
          if (text.includes('"error"')) errors++;
          return;
        }
        if (measuring) relayed++;
        const at = text.indexOf('"id":"') + 6;
        const id = Number(text.slice(at, text.indexOf('"', at)));
        if (id > 0) {
          peer.send(-id); // the peer's own candidate: straight back, marked as an echo
        } else {
          if (measuring) rtts.push(performance.now() + id);
          peer.next();
        }
      };
      // Signalbox pairs by joining: the second peer joins after the first has.
      peer.socket = await connect(self, stream, onFrame);
      pair.push(peer);
    }
    peers.push(...pair);
  }
  // A second of warm-up, then the measured interval.
  deadline = performance.now() + (seconds + 1) * 1000;
  peers.forEach((p) => p.next());
  await new Promise((r) => setTimeout(r, 1000));
  measuring = true;
  const cpuBefore = cpuMicros();
  const start = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  const cpuAfter = cpuMicros();
  const elapsed = (performance.now() - start) / 1000;
  peers.forEach((p) => p.socket.terminate());
  rtts.sort((a, b) => a - b);
  return {
    scenario: 'relay', target, pairs, seconds: elapsed, relayed, perSecond: relayed / elapsed, errors,
    p50Millis: percentile(rtts, 50), p90Millis: percentile(rtts, 90), p99Millis: percentile(rtts, 99),
    maxMillis: rtts.at(-1), cpuMicrosPerMessage: (cpuAfter - cpuBefore) / relayed,
  };
}

/**
 * Waits (at most 10 s) until the server has been all but idle for half a second: the sessions of
 * an earlier batch are still being released for a while after they close, and that is not this
 * batch's cost.
 */
async function settle() {
  if (!pid) return;
  for (let i = 0; i < 20; i++) {
    const before = cpuMicros();
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (cpuMicros() - before <= 20_000) return; // under 4% of a core
  }
}

/** N sessions opened one after another, each taken by the server (joined or OPEN), then held, measured and closed. */
async function connections(sessions) {
  await settle();
  const heapBefore = heapAfterGcBytes();
  const rssBefore = rssBytes();
  const cpuBefore = cpuMicros();
  const start = performance.now();
  const sockets = [];
  let failed = 0;
  for (let i = 0; i < sessions; i++) {
    const id = `held-${randomUUID()}`;
    try {
      sockets.push(await connect(id, id, () => {}));
    } catch {
      failed++;
    }
  }
  const elapsed = (performance.now() - start) / 1000;
  const cpuAfter = cpuMicros();
  const rssHeld = rssBytes();
  const heapHeld = heapAfterGcBytes();
  if (o.histogram) {
    // What the held sessions keep: the server's class histogram (after a full GC) to a file.
    execFileSync('jcmd', [String(pid), 'GC.class_histogram'], { stdio: ['ignore', openSync(o.histogram, 'w'), 'inherit'] });
  }
  const n = Math.max(1, sockets.length);
  sockets.forEach((s) => s.terminate());
  return {
    scenario: 'connections', target, opened: sockets.length, failed, perSecond: sockets.length / elapsed,
    cpuMicrosPerSession: (cpuAfter - cpuBefore) / n,
    rssBytesPerSession: (rssHeld - rssBefore) / n, heapBytesPerSession: (heapHeld - heapBefore) / n,
    rssBytesHeld: rssHeld,
  };
}

const result = scenario === 'relay'
  ? await relay(Number(o.pairs ?? 50), Number(o.seconds ?? 10))
  : scenario === 'connections'
    ? await connections(Number(o.sessions ?? 5000))
    : null;
if (!result) {
  console.error('usage: node load.mjs relay|connections --target signalbox|peerjs|ws --url URL [options]');
  process.exit(2);
}
console.log(JSON.stringify(result));
process.exit(0);
