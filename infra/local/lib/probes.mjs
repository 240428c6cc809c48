import net from 'node:net';

// Health probes speak each server's own protocol with Node built-ins only, so `status` works on a
// fresh clone before npm dependencies are installed.

function exchange(host, port, request, isComplete, timeoutMs) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let buffer = Buffer.alloc(0);
    const done = (value) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.on('error', () => done(null));
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (isComplete(buffer)) done(buffer);
    });
    socket.on('end', () => done(null));
  });
}

const sizePrefixed = (offset) => (buffer) => buffer.length >= 4 && buffer.length >= buffer.readInt32BE(0) + offset;

/** Kafka ApiVersions v0: the broker answers with error code 0 once its socket server is up. */
export async function kafkaAnswers(host, port, timeoutMs = 2000) {
  const clientId = Buffer.from('guichet-stack');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0);
  body.writeInt16BE(0, 2);
  body.writeInt32BE(7, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  const reply = await exchange(host, port, Buffer.concat([size, body]), sizePrefixed(4), timeoutMs);
  return reply !== null && reply.length >= 10 && reply.readInt32BE(4) === 7 && reply.readInt16BE(8) === 0;
}

function bsonPing() {
  const db = Buffer.from('admin\0');
  const parts = [
    Buffer.from([0x10]), Buffer.from('ping\0'), int32(1),
    Buffer.from([0x02]), Buffer.from('$db\0'), int32(db.length), db,
    Buffer.from([0x00]),
  ];
  const content = Buffer.concat(parts);
  return Buffer.concat([int32(content.length + 4), content]);
}

function int32(value) {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32LE(value, 0);
  return buffer;
}

const fixedSizes = { 0x01: 8, 0x07: 12, 0x08: 1, 0x09: 8, 0x0a: 0, 0x10: 4, 0x11: 8, 0x12: 8, 0x13: 16, 0x7f: 0, 0xff: 0 };

function okField(document) {
  let offset = 4;
  while (offset < document.length - 1) {
    const type = document[offset];
    const nameEnd = document.indexOf(0, offset + 1);
    const name = document.toString('utf8', offset + 1, nameEnd);
    offset = nameEnd + 1;
    if (name === 'ok') {
      if (type === 0x01) return document.readDoubleLE(offset);
      if (type === 0x10) return document.readInt32LE(offset);
      return null;
    }
    if (type in fixedSizes) offset += fixedSizes[type];
    else if (type === 0x02 || type === 0x0d || type === 0x0e) offset += 4 + document.readInt32LE(offset);
    else if (type === 0x03 || type === 0x04) offset += document.readInt32LE(offset);
    else if (type === 0x05) offset += 5 + document.readInt32LE(offset);
    else return null;
  }
  return null;
}

/** MongoDB wire OP_MSG {ping: 1}: true when the server replies ok: 1. */
export async function mongoAnswers(host, port, timeoutMs = 2000) {
  const document = bsonPing();
  const header = Buffer.alloc(16);
  const flags = Buffer.alloc(4);
  const message = Buffer.concat([header, flags, Buffer.from([0]), document]);
  message.writeInt32LE(message.length, 0);
  message.writeInt32LE(1, 4);
  message.writeInt32LE(0, 8);
  message.writeInt32LE(2013, 12);
  const reply = await exchange(host, port, message, (buffer) => buffer.length >= 4 && buffer.length >= buffer.readInt32LE(0), timeoutMs);
  if (reply === null || reply.length < 21 || reply.readInt32LE(12) !== 2013 || reply[20] !== 0) return false;
  return okField(reply.subarray(21)) === 1;
}

/** GET a JSON document; null on any failure. */
export async function fetchJson(url, timeoutMs = 3000) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return null;
    return await response.json();
  } catch {
    return null;
  }
}
