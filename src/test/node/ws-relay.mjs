// The floor for the relay benchmark: a bare `ws` server that forwards each frame, unchanged, to
// the client named in its "dst" field. Clients connect with ?id=NAME and get {"type":"OPEN"}.
// Usage: node ws-relay.mjs [port]   (default 9001)
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 9001);
const clients = new Map();
const server = new WebSocketServer({ port });

server.on('connection', (socket, request) => {
  const id = new URL(request.url, 'http://relay').searchParams.get('id');
  if (!id || clients.has(id)) {
    socket.close(1008, 'id missing or taken');
    return;
  }
  clients.set(id, socket);
  socket.on('message', (data, isBinary) => {
    let dst;
    try {
      dst = JSON.parse(data).dst;
    } catch {
      return;
    }
    clients.get(dst)?.send(data, { binary: isBinary });
  });
  socket.on('close', () => clients.delete(id));
  socket.send('{"type":"OPEN"}');
});
server.on('listening', () => console.log(`ws relay on ${port}, pid ${process.pid}`));
