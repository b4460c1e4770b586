// The PeerJS server (npm `peer`) with its defaults, for the relay benchmark.
// Usage: node peerjs-server.mjs [port]   (default 9000); clients use ws://host:port/peerjs
import { PeerServer } from 'peer';

const port = Number(process.argv[2] ?? 9000);
PeerServer({ port, path: '/', concurrent_limit: 100000 }, () => console.log(`PeerJS server on ${port}, pid ${process.pid}`));
