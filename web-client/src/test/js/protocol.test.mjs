import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  SignalingClient, SignalingError, SERVER_MESSAGE_TYPES, signalingUrl,
} from '../../main/resources/web/js/protocol.js';
import { FakeSocket, FakeTimers, flush } from './fakes.mjs';

let timers;

beforeEach(() => {
  FakeSocket.reset();
  timers = new FakeTimers();
});

function newClient(options = {}) {
  return new SignalingClient({
    url: 'ws://localhost:8080/ws',
    createSocket: (url) => new FakeSocket(url),
    timers,
    random: () => 1, // no jitter: delays equal the exponential base
    ...options,
  });
}

function joinedMessage(overrides = {}) {
  return {
    type: 'joined', id: 'me-1', room: 'standup', name: 'Ada', resumeToken: 'tok-1', resumed: false,
    participants: [], iceServers: [], chat: [], topology: 'p2p', ...overrides,
  };
}

/** Joins through a fake server and returns the client, its socket and the joined message. */
async function joinedClient(options) {
  const client = newClient(options);
  const promise = client.join('standup', 'Ada');
  const socket = FakeSocket.last();
  socket.serverOpen();
  await flush();
  const joined = joinedMessage();
  socket.deliver(joined);
  await promise;
  return { client, socket };
}

test('join connects to the url and sends join with version 1 and a ref', async () => {
  const client = newClient();
  const promise = client.join('standup', 'Ada');
  const socket = FakeSocket.last();
  assert.equal(socket.url, 'ws://localhost:8080/ws');
  assert.equal(client.state, 'connecting');
  socket.serverOpen();
  await flush();
  const [join] = socket.sentOfType('join');
  assert.deepEqual({ ...join, ref: undefined },
    { type: 'join', room: 'standup', name: 'Ada', version: 1, ref: undefined });
  assert.equal(typeof join.ref, 'string');
  socket.deliver(joinedMessage());
  const joined = await promise;
  assert.equal(joined.id, 'me-1');
  assert.equal(client.id, 'me-1');
  assert.equal(client.state, 'joined');
});

test('join rejects with the server error code that echoes its ref', async () => {
  const client = newClient();
  const errors = [];
  client.on('error', (e) => errors.push(e));
  const promise = client.join('standup', 'Ada');
  const socket = FakeSocket.last();
  socket.serverOpen();
  await flush();
  const ref = socket.sentOfType('join')[0].ref;
  socket.deliver({ type: 'error', code: 'room-full', message: 'Room is full (16 participants)', ref });
  await assert.rejects(promise, (err) => err instanceof SignalingError && err.code === 'room-full'
    && err.message === 'Room is full (16 participants)');
  assert.equal(client.state, 'open');
  assert.deepEqual(errors, [], 'an answered error is not also reported as an event');
});

test('join rejects as unreachable when the socket closes before opening', async () => {
  const client = newClient();
  const promise = client.join('standup', 'Ada');
  FakeSocket.last().serverClose(1006);
  await assert.rejects(promise, (err) => err.code === 'unreachable');
  assert.equal(client.state, 'idle');
});

test('join rejects as unreachable when the connection does not open in time', async () => {
  const client = newClient({ connectTimeoutMs: 3000 });
  const promise = client.join('standup', 'Ada');
  timers.advance(3000);
  await assert.rejects(promise, (err) => err.code === 'unreachable');
  assert.equal(FakeSocket.last().closedWith, 1000);
});

test('a ping is sent every 5 seconds', async () => {
  const { socket } = await joinedClient();
  timers.advance(4999);
  socket.deliver({ type: 'pong', ts: 1 });
  assert.equal(socket.sentOfType('ping').length, 0);
  timers.advance(1);
  assert.equal(socket.sentOfType('ping').length, 1);
  socket.deliver({ type: 'pong', ts: 2 });
  timers.advance(5000);
  assert.equal(socket.sentOfType('ping').length, 2);
});

test('chatHistory asks for the messages before a given one', async () => {
  const { client, socket } = await joinedClient();
  client.chatHistory('m42');
  const [ask] = socket.sentOfType('chat-history');
  assert.equal(ask.before, 'm42');
});

test('every server message type is emitted as its own event and as message', async () => {
  const { client, socket } = await joinedClient();
  const seen = [];
  for (const type of SERVER_MESSAGE_TYPES) client.on(type, (m) => seen.push(m.type));
  const all = [];
  client.on('message', (m) => all.push(m.type));
  const samples = [
    { type: 'participant-joined', participant: { id: 'b', name: 'Bob', connected: true, state: {} } },
    { type: 'participant-updated', participant: { id: 'b', name: 'Bob', connected: false, state: {} } },
    { type: 'participant-left', id: 'b', reason: 'left' },
    { type: 'signal', from: 'b', payload: { candidate: null } },
    { type: 'chat', message: { id: 'c1', from: 'b', name: 'Bob', text: 'hi', ts: 5 } },
    { type: 'chat-history', messages: [], more: false },
    { type: 'pong', ts: 7 },
    { type: 'server-shutdown', message: 'bye' },
    { type: 'error', code: 'unknown-participant', message: 'no' },
    { type: 'joined', ...joinedMessage({ resumed: true }) },
    { type: 'topology', topology: 'sfu' },
    { type: 'sfu-offer', version: 1, sdp: 'v=0', slots: { audio: '0', camera: '1', screen: '2' }, tracks: [] },
    { type: 'sfu-something-new', x: 1 },
  ];
  for (const m of samples) socket.deliver(m);
  assert.deepEqual(seen.sort(), SERVER_MESSAGE_TYPES.slice().sort());
  assert.equal(all.length, samples.length);
  assert.ok(all.includes('sfu-something-new'), 'unknown types still reach the generic listener');
});

test('frames that are not JSON objects with a type are ignored', async () => {
  const { client, socket } = await joinedClient();
  const all = [];
  client.on('message', (m) => all.push(m));
  socket.deliver('not json');
  socket.deliver('[1,2]');
  socket.deliver('{"no":"type"}');
  assert.deepEqual(all, []);
});

test('signal, state and chat are sent with the documented shapes', async () => {
  const { client, socket } = await joinedClient();
  client.signal('bob', { sdp: { type: 'offer', sdp: 'v=0' } });
  client.sendState({ audioMuted: true });
  client.chat('hello <b>world</b>');
  assert.deepEqual(socket.sent.slice(-3), [
    { type: 'signal', to: 'bob', payload: { sdp: { type: 'offer', sdp: 'v=0' } } },
    { type: 'state', audioMuted: true },
    { type: 'chat', text: 'hello <b>world</b>' },
  ]);
});

test('topology and sfu-offer arrive as events with their fields', async () => {
  const { client, socket } = await joinedClient();
  const topologies = [];
  const offers = [];
  client.on('topology', (m) => topologies.push(m.topology));
  client.on('sfu-offer', (m) => offers.push(m));
  const offer = {
    type: 'sfu-offer', version: 3, sdp: 'v=0\r\n',
    slots: { audio: '0', camera: '1', screen: '2' },
    tracks: [{ mid: '3', participant: 'q3v', source: 'audio' }, { mid: '4', participant: 'q3v', source: 'camera' }],
  };
  socket.deliver({ type: 'topology', topology: 'sfu' });
  socket.deliver(offer);
  assert.deepEqual(topologies, ['sfu']);
  assert.deepEqual(offers, [offer]);
});

test('sfu-connect and sfu-answer are sent with the documented shapes', async () => {
  const { client, socket } = await joinedClient();
  client.sfuConnect();
  client.sfuAnswer(3, 'v=0\r\na=answer\r\n');
  assert.deepEqual(socket.sentOfType('sfu-connect'), [{ type: 'sfu-connect' }]);
  assert.deepEqual(socket.sentOfType('sfu-answer'), [{ type: 'sfu-answer', version: 3, sdp: 'v=0\r\na=answer\r\n' }]);
});

test('an sfu-answer made while reconnecting is sent after the resume', async () => {
  const { client, socket } = await joinedClient();
  socket.serverClose(1006);
  client.sfuAnswer(2, 'v=0');
  assert.equal(client.state, 'reconnecting');
  timers.advance(500);
  const next = FakeSocket.last();
  assert.notEqual(next, socket);
  next.serverOpen();
  await flush();
  assert.equal(next.sentOfType('sfu-answer').length, 0, 'not before the session is resumed');
  next.deliver(joinedMessage({ resumed: true, resumeToken: 'tok-2' }));
  assert.deepEqual(next.sentOfType('sfu-answer'), [{ type: 'sfu-answer', version: 2, sdp: 'v=0' }]);
});

test('a lost socket is re-opened after a backoff and resumed with the token', async () => {
  const { client, socket } = await joinedClient();
  const reconnecting = [];
  const resumed = [];
  client.on('reconnecting', (e) => reconnecting.push(e));
  client.on('resumed', (m) => resumed.push(m));
  socket.serverClose(1006);
  assert.equal(client.state, 'reconnecting');
  assert.deepEqual(reconnecting, [{ attempt: 1, delayMs: 500 }]);
  timers.advance(499);
  assert.equal(FakeSocket.instances.length, 1);
  timers.advance(1);
  const second = FakeSocket.last();
  assert.notEqual(second, socket);
  second.serverOpen();
  await flush();
  const [resume] = second.sentOfType('resume');
  assert.equal(resume.token, 'tok-1');
  assert.equal(second.sentOfType('join').length, 0);
  second.deliver(joinedMessage({ resumed: true, resumeToken: 'tok-2' }));
  await flush();
  assert.equal(client.state, 'joined');
  assert.equal(client.id, 'me-1');
  assert.equal(client.resumeToken, 'tok-2');
  assert.equal(resumed.length, 1);
});

test('reconnect delays grow exponentially up to the cap and reset after success', async () => {
  const { client, socket } = await joinedClient({ backoffMaxMs: 4000 });
  const delays = [];
  client.on('reconnecting', (e) => delays.push(e.delayMs));
  socket.serverClose(1006);
  for (let i = 0; i < 5; i++) {
    timers.advance(delays[delays.length - 1]);
    FakeSocket.last().serverClose(1006); // the server is still down
    await flush();
  }
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 4000, 4000]);
  timers.advance(4000);
  const up = FakeSocket.last();
  up.serverOpen();
  await flush();
  up.deliver(joinedMessage({ resumed: true }));
  await flush();
  up.serverClose(1006);
  assert.equal(delays[delays.length - 1], 500);
});

test('jitter scales the delay between half and all of the base', async () => {
  const { client, socket } = await joinedClient({ random: () => 0 });
  const delays = [];
  client.on('reconnecting', (e) => delays.push(e.delayMs));
  socket.serverClose(1006);
  assert.deepEqual(delays, [250]);
});

test('messages sent while reconnecting are delivered after the resume', async () => {
  const { client, socket } = await joinedClient();
  socket.serverClose(1006);
  client.chat('typed while offline');
  client.sendState({ videoMuted: true });
  timers.advance(500);
  const second = FakeSocket.last();
  second.serverOpen();
  await flush();
  assert.equal(second.sentOfType('chat').length, 0, 'nothing before the session is resumed');
  second.deliver(joinedMessage({ resumed: true }));
  await flush();
  assert.deepEqual(second.sent.filter((m) => m.type !== 'resume' && m.type !== 'ping'), [
    { type: 'chat', text: 'typed while offline' },
    { type: 'state', videoMuted: true },
  ]);
});

test('a failed resume joins afresh with the same room and name', async () => {
  const { client, socket } = await joinedClient();
  const events = [];
  client.on('resume-failed', () => events.push('resume-failed'));
  client.on('rejoined', (m) => events.push(`rejoined:${m.id}`));
  socket.serverClose(1001);
  timers.advance(500);
  const second = FakeSocket.last();
  second.serverOpen();
  await flush();
  const [resume] = second.sentOfType('resume');
  second.deliver({ type: 'error', code: 'resume-failed', message: 'expired', ref: resume.ref });
  await flush();
  const [join] = second.sentOfType('join');
  assert.equal(join.room, 'standup');
  assert.equal(join.name, 'Ada');
  second.deliver(joinedMessage({ id: 'me-2', resumeToken: 'tok-9' }));
  await flush();
  assert.deepEqual(events, ['resume-failed', 'rejoined:me-2']);
  assert.equal(client.id, 'me-2');
  assert.equal(client.state, 'joined');
});

test('a refused fresh join after a failed resume closes the client and reports failed', async () => {
  const { client, socket } = await joinedClient();
  const failures = [];
  client.on('failed', (e) => failures.push(e.code));
  socket.serverClose(1006);
  timers.advance(500);
  const second = FakeSocket.last();
  second.serverOpen();
  await flush();
  second.deliver({ type: 'error', code: 'resume-failed', message: 'x', ref: second.sentOfType('resume')[0].ref });
  await flush();
  second.deliver({ type: 'error', code: 'room-full', message: 'full', ref: second.sentOfType('join')[0].ref });
  await flush();
  assert.deepEqual(failures, ['room-full']);
  assert.equal(client.state, 'closed');
  timers.advance(60000);
  assert.equal(FakeSocket.instances.length, 2, 'no further reconnection attempts');
});

test('15 seconds without any server message count as a lost socket', async () => {
  const { client, socket } = await joinedClient();
  timers.advance(14999);
  assert.equal(client.state, 'joined');
  timers.advance(1);
  assert.equal(client.state, 'reconnecting');
  assert.equal(socket.closedWith, 1000);
});

test('close code 4001 (replaced) stops without reconnecting', async () => {
  const { client, socket } = await joinedClient();
  let replaced = false;
  client.on('replaced', () => { replaced = true; });
  socket.serverClose(4001);
  assert.ok(replaced);
  assert.equal(client.state, 'closed');
  timers.advance(60000);
  assert.equal(FakeSocket.instances.length, 1);
});

test('leave sends leave, keeps the socket, and a later close does not reconnect', async () => {
  const { client, socket } = await joinedClient();
  client.leave();
  assert.equal(socket.sentOfType('leave').length, 1);
  assert.equal(client.state, 'open');
  assert.equal(client.id, null);
  client.chat('after leaving');
  assert.equal(socket.sentOfType('chat').length, 0, 'room messages are not sent when not joined');
  socket.serverClose(1006);
  assert.equal(client.state, 'idle');
  timers.advance(60000);
  assert.equal(FakeSocket.instances.length, 1);
});

test('join again after leave reuses the open socket', async () => {
  const { client, socket } = await joinedClient();
  client.leave();
  const promise = client.join('other', 'Ada');
  await flush();
  assert.equal(FakeSocket.instances.length, 1);
  assert.equal(socket.sentOfType('join')[1].room, 'other');
  socket.deliver(joinedMessage({ id: 'me-3', room: 'other' }));
  assert.equal((await promise).id, 'me-3');
});

test('close stops pings and reconnection', async () => {
  const { client, socket } = await joinedClient();
  client.close();
  assert.equal(client.state, 'closed');
  timers.advance(60000);
  assert.equal(socket.sentOfType('ping').length, 0);
  assert.equal(FakeSocket.instances.length, 1);
});

test('signalingUrl uses wss for https pages and ws otherwise, same host', () => {
  assert.equal(signalingUrl({ protocol: 'https:', host: 'meet.example:8443' }), 'wss://meet.example:8443/ws');
  assert.equal(signalingUrl({ protocol: 'http:', host: 'localhost:8080' }), 'ws://localhost:8080/ws');
});
