// What the media benchmark's ramps share: process figures from /proc, the veth pair's counters,
// percentiles, bounded waits, and questions to worker threads.
import { readFileSync } from 'node:fs';

/** User plus system CPU time of process `pid` and its threads, in microseconds (/proc, 100 ticks a second). */
export function cpuMicros(pid) {
  if (!pid) return NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10_000;
}

export function rssBytes(pid) {
  if (!pid) return NaN;
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith('VmRSS:'));
  return Number(line.replace(/\D/g, '')) * 1024;
}

/** A counter of the interface `veth` (the veth pair's host side: what it receives is what Janus sent). */
export function vethCounter(veth, name) {
  return veth ? Number(readFileSync(`/sys/class/net/${veth}/statistics/${name}`, 'utf8')) : NaN;
}

export function percentiles(values) {
  const sorted = values.filter(Number.isFinite).filter(v => v > 0).sort((a, b) => a - b);
  const at = q => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]) : NaN);
  return { p50: at(0.5), p99: at(0.99) };
}

/** Waits until `condition` (which may be async) holds, checking every 250 ms, for at most `millis`. */
export async function until(condition, millis) {
  const deadline = performance.now() + millis;
  while (!(await condition()) && performance.now() < deadline) await pause(250);
}

export function pause(millis) {
  return new Promise(resolve => setTimeout(resolve, millis));
}

export function log(line) {
  process.stderr.write(`${line}\n`);
}

let asked = 0; // the id of the last question to a worker

/** Sends `{[what]: id}` to `worker` and resolves with its answer carrying that id. */
export function ask(worker, what) {
  const id = ++asked;
  return new Promise(resolve => {
    const answer = m => {
      if (m.id === id) {
        worker.off('message', answer);
        resolve(m);
      }
    };
    worker.on('message', answer);
    worker.postMessage({ [what]: id });
  });
}
