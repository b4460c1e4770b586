// A worker thread of the media benchmark's generator holding players (clients.mjs `play`), so that
// the players use more than one core. Messages from the main thread:
//   {add: n, ws, streamId, bind}  starts n more players
//   {snapshot: id}                answers {id, players: [stats with lost]}
//   {close: id}                   closes every player and answers {id}
import { parentPort } from 'node:worker_threads';
import { play } from './clients.mjs';

const players = [];
// A failure inside werift that no promise of ours awaits is counted and named, not fatal.
const failures = [];
process.on('unhandledRejection', e => failures.push(`werift: ${e?.message ?? e}`));
process.on('uncaughtException', e => failures.push(`werift: ${e?.message ?? e}`));

parentPort.on('message', async m => {
  if (m.add) {
    for (let i = 0; i < m.add; i++) players.push(play({ ws: m.ws, streamId: m.streamId, bind: m.bind }));
  } else if (m.snapshot !== undefined) {
    parentPort.postMessage({ id: m.snapshot, failures, players: players.map(p => ({ ...p.stats, lost: p.lost(), events: p.events })) });
  } else if (m.close !== undefined) {
    await Promise.all(players.map(p => p.close()));
    parentPort.postMessage({ id: m.close });
  }
});
