// A worker thread of the conference benchmark holding conference members (clients.mjs `member`),
// all sending one clip source. Messages from the main thread:
//   {add: n, ws, room, prefix, bind, kbps, clip}  starts n more members of `room`
//   {snapshot: id}                                answers {id, members: [stats with lost and feeds]}
//   {close: id}                                   closes every member and answers {id}
import { parentPort } from 'node:worker_threads';
import { ClipSource, loadClip } from './clip.mjs';
import { member } from './clients.mjs';

const members = [];
let source;
// A failure inside werift that no promise of ours awaits is counted and named, not fatal.
const failures = [];
process.on('unhandledRejection', e => failures.push(`werift: ${e?.message ?? e}`));
process.on('uncaughtException', e => failures.push(`werift: ${e?.message ?? e}`));

parentPort.on('message', async m => {
  if (m.add) {
    source ??= new ClipSource(loadClip(m.clip, m.kbps));
    for (let i = 0; i < m.add; i++) {
      members.push(member({ ws: m.ws, room: m.room, streamId: `${m.prefix}-${members.length}`, bind: m.bind, source }));
    }
  } else if (m.snapshot !== undefined) {
    parentPort.postMessage({ id: m.snapshot, failures, members: members.map(p => ({ ...p.stats, lost: p.lost(), feeds: p.feeds(), events: p.events })) });
  } else if (m.close !== undefined) {
    await Promise.all(members.splice(0).map(p => p.close()));
    source?.stop();
    source = undefined;
    parentPort.postMessage({ id: m.close });
  }
});
