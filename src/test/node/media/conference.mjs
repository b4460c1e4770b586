// The conference ramp of the media benchmark (docs/benchmark.md, "Media path"): for each size N,
// N browserless members (clients.mjs `member`, spread over worker threads) join one room through
// Signalbox, each publishing the clip into the room's conference on Janus and playing every
// other member on one connection. Once every member receives all the others' video (or after a
// minute), the conference is held and measured as the broadcast ramp measures a step; then it
// ends, and the next size starts in a new room. Stops at the first size past the limits. Prints a
// JSON object a line per size, then the table; asserts nothing.
//
//   node media/conference.mjs --url http://127.0.0.1:PORT --bind ADDR --veth IFACE --janus PID --signalbox PID
//        [--sizes 4,8,12,16] [--hold 20] [--kbps 500] [--workers 2] [--loss-limit 2] [--clip DIR]
import { Worker } from 'node:worker_threads';
import { now } from './clients.mjs';
import { ask, cpuMicros, log, pause, percentiles, rssBytes, until, vethCounter } from './measure.mjs';
import { options } from './options.mjs';

const o = options(process.argv.slice(2));
const base = o.url.replace(/\/$/, '');
const ws = `${base.replace(/^http/, 'ws')}/websocket`;
const sizes = String(o.sizes ?? '4,8,12,16').split(',').map(Number);
const holdMillis = Number(o.hold ?? 20) * 1000;
const kbps = Number(o.kbps ?? 500);
const lossLimit = Number(o['loss-limit'] ?? 2);
const clip = o.clip ?? 'target/media';
const JOIN_MILLIS = 60_000;

const workers = Array.from({ length: Number(o.workers ?? 2) }, () => new Worker(new URL('./members.mjs', import.meta.url)));
workers.forEach(worker => worker.on('error', e => {
  log(`a worker failed: ${e.stack ?? e}`);
  process.exit(1);
}));
const rows = [];
const failures = new Set();
for (const size of sizes) {
  const room = `conference-${size}-${Date.now()}`;
  const started = now();
  workers.forEach((worker, w) => {
    const add = Math.floor(size / workers.length) + (w < size % workers.length ? 1 : 0);
    if (add) worker.postMessage({ add, ws, room, prefix: `${room}-w${w}`, bind: o.bind, kbps, clip });
  });
  await until(async () => (await members()).every(m => m.feeds === size - 1), JOIN_MILLIS);
  const complete = now();
  const before = await snapshot();
  await pause(holdMillis);
  const after = await snapshot();
  const seconds = (after.at - before.at) / 1000;
  const cores = name => (after.cpu[name] - before.cpu[name]) / 1e6 / seconds;
  const expected = after.expected - before.expected;
  const all = after.members;
  const row = {
    members: size,
    kbps,
    streamsReceived: size * (size - 1),
    janusCores: cores('janus'),
    janusRssMB: after.rss.janus / 2 ** 20,
    signalboxCores: cores('signalbox'),
    generatorCores: cores('generator'),
    intoJanusMbps: ((after.veth.txBytes - before.veth.txBytes) * 8) / seconds / 1e6,
    janusOutMbps: ((after.veth.rxBytes - before.veth.rxBytes) * 8) / seconds / 1e6,
    lossPercent: expected > 0 ? (100 * (expected - (after.packets - before.packets))) / expected : 0,
    membersWithEveryone: all.filter(m => m.feeds === size - 1).length,
    everyoneSeconds: all.every(m => m.feeds === size - 1) ? (complete - started) / 1000 : NaN,
    joinToFirstPacketMillis: percentiles(all.map(m => (m.firstPacket ? m.firstPacket - m.asked : NaN))),
    errors: [...new Set(all.flatMap(m => m.events.filter(e => !['joinedTheRoom', 'publish_started', 'play_started',
      'streamJoined', 'streamLeaved', 'roomInformation'].includes(e))).concat([...failures]))],
  };
  rows.push(row);
  process.stdout.write(`${JSON.stringify(row)}\n`);
  await Promise.all(workers.map(worker => ask(worker, 'close')));
  if (row.lossPercent > lossLimit || row.membersWithEveryone < size) {
    log(`stopping: past the limits at ${size} members`);
    break;
  }
  await pause(3_000); // the room ends on Janus before the next one starts
}
await Promise.all(workers.map(worker => worker.terminate()));
table(rows);
process.exit(0);

async function members() {
  const answers = await Promise.all(workers.map(worker => ask(worker, 'snapshot')));
  answers.flatMap(answer => answer.failures).forEach(f => failures.add(f));
  return answers.flatMap(answer => answer.members);
}

async function snapshot() {
  const all = await members();
  const usage = process.cpuUsage();
  return {
    at: now(),
    members: all,
    packets: all.reduce((a, m) => a + m.packets, 0),
    expected: all.reduce((a, m) => a + m.packets + m.lost, 0),
    cpu: { janus: cpuMicros(o.janus), signalbox: cpuMicros(o.signalbox), generator: usage.user + usage.system },
    rss: { janus: rssBytes(o.janus) },
    veth: { rxBytes: vethCounter(o.veth, 'rx_bytes'), txBytes: vethCounter(o.veth, 'tx_bytes') },
  };
}

function table(rows) {
  console.log('\n| members | streams received | video kb/s | Janus CPU (cores) | Janus RSS (MB) | Signalbox CPU (cores) | generator CPU (cores) '
    + '| into Janus (Mb/s) | out of Janus (Mb/s) | loss (%) | members receiving all others | all receiving all after (s) '
    + '| join → first packet p50 / p99 (ms) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.members} | ${r.streamsReceived} | ${r.kbps} | ${r.janusCores.toFixed(2)} | ${r.janusRssMB.toFixed(0)} `
      + `| ${r.signalboxCores.toFixed(2)} | ${r.generatorCores.toFixed(2)} | ${r.intoJanusMbps.toFixed(1)} | ${r.janusOutMbps.toFixed(1)} `
      + `| ${r.lossPercent.toFixed(2)} | ${r.membersWithEveryone} | ${Number.isNaN(r.everyoneSeconds) ? 'never' : r.everyoneSeconds.toFixed(1)} `
      + `| ${r.joinToFirstPacketMillis.p50} / ${r.joinToFirstPacketMillis.p99} |`);
  }
}
