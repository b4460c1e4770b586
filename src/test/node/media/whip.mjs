// A browserless WHIP encoder for the tests: publishes the clip (VP8 and Opus, or Opus alone) to a
// WHIP endpoint with werift and reports on standard output, one JSON object a line:
// {"event":"published","status","resource"} or {"event":"refused","status","body"}, then
// {"event":"connected"}. A line "delete" on standard input, or its end, sends the DELETE and
// reports {"event":"deleted","status"}; killing the process leaves without a word, as a vanished
// encoder.
//
//   node media/whip.mjs --url URL [--token JWT] [--bind ADDR] [--clip DIR] [--kbps 500] [--audio-only]
import { createInterface } from 'node:readline';
import { ClipSource, loadClip } from './clip.mjs';
import { options } from './options.mjs';
import { connected, whipPublish } from './clients.mjs';

const o = options(process.argv.slice(2));
const say = event => process.stdout.write(`${JSON.stringify(event)}\n`);
const audioOnly = Boolean(o['audio-only']);
const source = new ClipSource(loadClip(o.clip ?? 'target/media', Number(o.kbps ?? 500)), { video: !audioOnly });
const published = await whipPublish({ url: o.url, token: o.token, bind: o.bind, source, kinds: audioOnly ? ['audio'] : ['audio', 'video'] });
if (published.status !== 201) {
  say({ event: 'refused', status: published.status, body: published.body });
  source.stop();
  process.exit(0);
}
say({ event: 'published', status: published.status, resource: published.resource });
try {
  await connected(published.pc, 20_000);
  say({ event: 'connected' });
} catch (e) {
  say({ event: 'failed', reason: e.message });
}
const stop = async () => {
  const status = await published.close();
  source.stop();
  say({ event: 'deleted', status });
  process.exit(0);
};
// A line "delete", or the end of standard input (whoever started this process is gone), ends it with a DELETE.
createInterface({ input: process.stdin }).on('line', line => line.trim() === 'delete' && stop()).on('close', stop);
