// The broadcast ramp of the media benchmark (docs/benchmark.md, "Media path"): one browserless
// publisher (whip.mjs, a process of its own, so that its pace holds whatever the players cost)
// sends the clip over WHIP, then subscribers join in steps, all of a step at once, each playing
// over Signalbox's WebSocket and counting RTP without decoding, spread over worker threads
// (players.mjs). A warm-up of a few players comes and goes first. After each step's joins, the
// step is held and measured: Janus's, Signalbox's, the publisher's and the players' CPU, memory,
// what goes into and out of Janus (on the veth pair's host side), loss, play → offer, connected,
// first packet and first key frame, and how fast the node took the joins. Stops at the first step
// past the limits. Prints a JSON object a line per step on standard output, then the table;
// asserts nothing.
//
//   node media/ramp.mjs --url http://127.0.0.1:PORT --bind ADDR --veth IFACE --janus PID --signalbox PID
//        [--steps 10,25,50,100] [--hold 20] [--kbps 500] [--workers 2] [--warm-up 10]
//        [--loss-limit 2] [--key-limit 2000] [--clip DIR]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { now } from './clients.mjs';
import { ask, cpuMicros, log, pause, percentiles, rssBytes, until, vethCounter } from './measure.mjs';
import { options } from './options.mjs';

const o = options(process.argv.slice(2));
const base = o.url.replace(/\/$/, '');
const ws = `${base.replace(/^http/, 'ws')}/websocket`;
const steps = String(o.steps ?? '10,25,50,100').split(',').map(Number);
const holdMillis = Number(o.hold ?? 20) * 1000;
const kbps = Number(o.kbps ?? 500);
const lossLimit = Number(o['loss-limit'] ?? 2);
const keyLimit = Number(o['key-limit'] ?? 2000);
const JOIN_MILLIS = 30_000;

const stream = `ramp-${kbps}k-${Date.now()}`;
const publisher = spawn(process.execPath, [new URL('./whip.mjs', import.meta.url).pathname, '--url', `${base}/whip/${stream}`,
  '--bind', o.bind, '--kbps', String(kbps), '--clip', o.clip ?? 'target/media'], { stdio: ['pipe', 'pipe', 'inherit'] });
const said = createInterface({ input: publisher.stdout });
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('the publisher did not connect in 60 s')), 60_000);
  said.on('line', line => {
    const event = JSON.parse(line).event;
    if (event === 'connected') {
      clearTimeout(timer);
      resolve();
    } else if (event === 'refused' || event === 'failed') {
      reject(new Error(`the publisher: ${line}`));
    }
  });
});
log(`publishing ${stream} at ${kbps} kb/s`);
await pause(2_000); // the media reaches Janus and its room before the first player asks

const warm = new Worker(new URL('./players.mjs', import.meta.url));
warm.postMessage({ add: Number(o['warm-up'] ?? 10), ws, streamId: stream, bind: o.bind });
await until(async () => (await ask(warm, 'snapshot')).players.every(p => p.firstKeyFrame), JOIN_MILLIS);
await ask(warm, 'close');
await warm.terminate();
log('warmed up');

const workers = Array.from({ length: Number(o.workers ?? 2) }, () => new Worker(new URL('./players.mjs', import.meta.url)));
workers.forEach(worker => worker.on('error', e => {
  log(`a worker failed: ${e.stack ?? e}`);
  process.exit(1);
}));
const held = workers.map(() => 0);
const rows = [];
const failures = new Set();
for (const target of steps) {
  const from = [...held];
  const burst = now();
  for (let n = held.reduce((a, b) => a + b, 0), w = 0; n < target; n++, w = (w + 1) % workers.length) held[w]++;
  workers.forEach((worker, w) => held[w] > from[w] && worker.postMessage({ add: held[w] - from[w], ws, streamId: stream, bind: o.bind }));
  const joining = async () => (await players()).flatMap((list, w) => list.slice(from[w]));
  await until(async () => (await joining()).length === target - sum(from) && (await joining()).every(p => p.firstKeyFrame), JOIN_MILLIS);
  const before = await snapshot();
  await pause(holdMillis);
  const after = await snapshot();
  const joined = after.players.flatMap((list, w) => list.slice(from[w]));
  const seconds = (after.at - before.at) / 1000;
  const cores = name => (after.cpu[name] - before.cpu[name]) / 1e6 / seconds;
  const expected = after.expected - before.expected;
  const offered = joined.filter(p => p.offered);
  const since = (p, field) => (p[field] ? p[field] - p.asked : NaN);
  const row = {
    subscribers: target,
    kbps,
    janusCores: cores('janus'),
    janusRssMB: after.rss.janus / 2 ** 20,
    signalboxCores: cores('signalbox'),
    signalboxRssMB: after.rss.signalbox / 2 ** 20,
    publisherCores: cores('publisher'),
    playersCores: cores('players'),
    intoJanusMbps: ((after.veth.txBytes - before.veth.txBytes) * 8) / seconds / 1e6,
    janusOutPacketsPerSecond: (after.veth.rxPackets - before.veth.rxPackets) / seconds,
    janusOutMbps: ((after.veth.rxBytes - before.veth.rxBytes) * 8) / seconds / 1e6,
    lossPercent: expected > 0 ? (100 * (expected - (after.packets - before.packets))) / expected : 0,
    silent: after.players.flatMap((list, w) => list.filter((p, i) => p.packets === (before.players[w][i]?.packets ?? 0))).length,
    offerMillis: percentiles(joined.map(p => since(p, 'offered'))),
    iceConnectedMillis: percentiles(joined.map(p => since(p, 'iceConnected'))),
    connectedMillis: percentiles(joined.map(p => since(p, 'connected'))),
    firstPacketMillis: percentiles(joined.map(p => since(p, 'firstPacket'))),
    firstKeyFrameMillis: percentiles(joined.map(p => since(p, 'firstKeyFrame'))),
    noKeyFrame: joined.filter(p => !p.firstKeyFrame).length,
    // The node took a join once it sent the offer; play_started waits for the player's connection too.
    joinsPerSecond: offered.length / ((Math.max(...offered.map(p => p.offered)) - burst) / 1000),
    errors: [...new Set(after.players.flat().flatMap(p => p.events.filter(e => e !== 'play_started')).concat([...failures]))],
  };
  rows.push(row);
  process.stdout.write(`${JSON.stringify(row)}\n`);
  if (row.lossPercent > lossLimit || row.firstKeyFrameMillis.p99 > keyLimit || row.noKeyFrame > 0) {
    log(`stopping: past the limits at ${target} subscribers`);
    break;
  }
}
await Promise.all(workers.map(worker => ask(worker, 'close')));
await Promise.all(workers.map(worker => worker.terminate()));
publisher.stdin.write('delete\n');
await new Promise(resolve => publisher.on('exit', resolve));
table(rows);
process.exit(0);

function table(rows) {
  console.log('\n| subscribers | video kb/s | Janus CPU (cores) | Janus RSS (MB) | Signalbox CPU (cores) | Signalbox RSS (MB) '
    + '| publisher CPU | players CPU | into Janus (Mb/s) | out of Janus (packets/s) | out of Janus (Mb/s) | loss (%) | silent '
    + '| play → offer p50 | → ICE connected p50 | → connected p50 / p99 | → first packet p50 / p99 | → first key frame p50 / p99 (ms) | joins/s |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.subscribers} | ${r.kbps} | ${r.janusCores.toFixed(2)} | ${r.janusRssMB.toFixed(0)} | ${r.signalboxCores.toFixed(2)} `
      + `| ${r.signalboxRssMB.toFixed(0)} | ${r.publisherCores.toFixed(2)} | ${r.playersCores.toFixed(2)} | ${r.intoJanusMbps.toFixed(2)} `
      + `| ${r.janusOutPacketsPerSecond.toFixed(0)} | ${r.janusOutMbps.toFixed(1)} | ${r.lossPercent.toFixed(2)} | ${r.silent} `
      + `| ${r.offerMillis.p50} | ${r.iceConnectedMillis.p50} | ${r.connectedMillis.p50} / ${r.connectedMillis.p99} | ${r.firstPacketMillis.p50} / ${r.firstPacketMillis.p99} `
      + `| ${r.firstKeyFrameMillis.p50} / ${r.firstKeyFrameMillis.p99} | ${r.joinsPerSecond.toFixed(1)} |`);
  }
}


/** The players' stats, a list per worker, in the order each worker started them. */
async function players() {
  const answers = await Promise.all(workers.map(worker => ask(worker, 'snapshot')));
  answers.flatMap(answer => answer.failures).forEach(f => failures.add(f));
  return answers.map(answer => answer.players);
}

async function snapshot() {
  const all = await players();
  const flat = all.flat();
  const usage = process.cpuUsage();
  return {
    at: now(),
    players: all,
    packets: sum(flat.map(p => p.packets)),
    expected: sum(flat.map(p => p.packets + p.lost)),
    cpu: { janus: cpuMicros(o.janus), signalbox: cpuMicros(o.signalbox), publisher: cpuMicros(publisher.pid), players: usage.user + usage.system },
    rss: { janus: rssBytes(o.janus), signalbox: rssBytes(o.signalbox) },
    veth: {
      rxPackets: vethCounter(o.veth, 'rx_packets'),
      rxBytes: vethCounter(o.veth, 'rx_bytes'),
      txBytes: vethCounter(o.veth, 'tx_bytes'),
    },
  };
}

function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}
