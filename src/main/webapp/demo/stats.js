// @ts-check
// Live figures of every peer connection a demo page's client holds, read from getStats once a
// second: sent and received bitrate, the video's resolution, and (for a publisher) how many
// connections it feeds and how many viewers it has, which the server counts (getSubscriberCount),
// as through a media server one connection feeds them all; with a small chart of the bitrate.
// Each video's tile is captioned with its own figures: what comes in for a played stream, what
// goes up for the page's own. Works under both media backends.

const WINDOW = 60; // seconds of history in the chart

/**
 * Shows the figures of {@code client}'s connections in {@code panel}; returns a function that
 * stops. Kept in window.demo.stats for the browser tests.
 * @param {import('../sdk/signalbox').Signalbox} client
 * @param {HTMLElement} panel
 */
export function showStats(client, panel) {
  const history = new Map();
  const previous = new Map();
  /** @type {Record<string, number>} */
  const viewers = {};
  const record = /** @type {any} */ (window).demo;
  record.stats = {};
  record.viewers = viewers;
  client.addEventListener('notification', (e) => {
    if (e.detail.definition === 'subscriberCount' && e.detail.streamId) viewers[e.detail.streamId] = e.detail.count;
  });
  const timer = setInterval(async () => {
    if (client.connection.isOpen) { // while it reconnects there is nobody to ask
      for (const [streamId, role] of client.roles) if (role === 'publish') client.getSubscriberCount(streamId);
    }
    for (const streamId of Object.keys(viewers)) if (client.roles.get(streamId) !== 'publish') delete viewers[streamId];
    const rows = [];
    for (const [key, link] of client.links) {
      const now = await figures(link.pc);
      const before = previous.get(key);
      previous.set(key, now);
      if (!before) continue;
      const seconds = (now.at - before.at) / 1000;
      const sent = Math.max(0, (now.bytesSent - before.bytesSent) * 8 / seconds);
      const received = Math.max(0, (now.bytesReceived - before.bytesReceived) * 8 / seconds);
      const points = history.get(key) || [];
      points.push(sent + received);
      if (points.length > WINDOW) points.shift();
      history.set(key, points);
      record.stats[key] = { sent, received, width: now.width, height: now.height };
      rows.push({ key, sent, received, now, points });
    }
    for (const key of [...history.keys()]) if (!client.links.has(key)) { history.delete(key); previous.delete(key); }
    render(panel, rows, client.links.size, viewers);
    caption(client, rows, viewers);
  }, 1000);
  return () => clearInterval(timer);
}

async function figures(pc) {
  const f = { at: Date.now(), bytesSent: 0, bytesReceived: 0, width: 0, height: 0 };
  (await pc.getStats()).forEach((r) => {
    if (r.type === 'outbound-rtp') {
      f.bytesSent += r.bytesSent || 0;
      if (r.kind === 'video' && (r.frameHeight || 0) > f.height) { f.width = r.frameWidth; f.height = r.frameHeight; }
    }
    if (r.type === 'inbound-rtp') {
      f.bytesReceived += r.bytesReceived || 0;
      if (r.kind === 'video' && r.frameHeight) { f.width = r.frameWidth; f.height = r.frameHeight; }
    }
  });
  return f;
}

function render(panel, rows, connections, viewers) {
  panel.replaceChildren();
  const summary = document.createElement('p');
  summary.textContent = `${connections} peer connection${connections === 1 ? '' : 's'}`
    + ' (a publisher through a media server keeps one whatever the audience; in a mesh, one per viewer)';
  panel.append(summary);
  for (const [streamId, count] of Object.entries(viewers)) {
    const line = document.createElement('p');
    line.textContent = `${streamId}: ${count} viewer${count === 1 ? '' : 's'}`;
    panel.append(line);
  }
  for (const { key, sent, received, now, points } of rows) {
    const row = document.createElement('div');
    row.className = 'stat';
    const text = document.createElement('span');
    text.textContent = `${key}: up ${kbps(sent)}, down ${kbps(received)}, ${now.width}×${now.height}`;
    const chart = document.createElement('canvas');
    chart.width = 180;
    chart.height = 40;
    draw(chart, points);
    row.append(chart, text);
    panel.append(row);
  }
}

/** Writes each tile's figures: a played stream's download and size, the page's own upload and size. */
function caption(client, rows, viewers) {
  let up = 0;
  let own = null;
  for (const { key, sent, received, now } of rows) {
    const streamId = key.split('/')[0];
    if (client.roles.get(streamId) === 'publish') {
      up += sent;
      if (!own || now.height > own.height) own = now;
      continue;
    }
    const tile = document.querySelector(`#remotes figure[data-stream="${CSS.escape(streamId)}"] .figures`);
    if (tile) tile.textContent = `↓ ${kbps(received)} · ${now.width}×${now.height}`;
  }
  const mine = document.querySelector('.tile.own .figures');
  if (mine) {
    const audience = Object.values(viewers).reduce((a, b) => a + b, 0);
    mine.textContent = own ? `↑ ${kbps(up)} · ${own.width}×${own.height} · ${audience} viewer${audience === 1 ? '' : 's'}` : '';
  }
}

function kbps(bits) {
  return `${Math.round(bits / 1000)} kb/s`;
}

function draw(canvas, points) {
  const g = canvas.getContext('2d');
  const top = Math.max(1, ...points);
  g.strokeStyle = '#0a7';
  g.beginPath();
  points.forEach((p, i) => {
    const x = (i / (WINDOW - 1)) * canvas.width;
    const y = canvas.height - (p / top) * (canvas.height - 2) - 1;
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
  });
  g.stroke();
}
