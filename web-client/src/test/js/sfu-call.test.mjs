import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { SfuCall } from '../../main/resources/web/js/sfu-call.js';
import { FakeTimers, flush } from './fakes.mjs';

// ---- doubles of the WebRTC objects SfuCall uses ---------------------------------------------

let trackSeq = 0;

class FakeTrack {
  constructor(kind) {
    this.kind = kind;
    this.id = `track-${++trackSeq}`;
    this.readyState = 'live';
    this.muted = true;
  }
}

class FakeStream {
  constructor() {
    this.tracks = [];
  }

  addTrack(track) {
    if (!this.tracks.includes(track)) this.tracks.push(track);
  }

  removeTrack(track) {
    this.tracks = this.tracks.filter((t) => t !== track);
  }

  getTracks() {
    return [...this.tracks];
  }

  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }

  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
}

class FakeTransceiver {
  constructor(mid, kind) {
    this.mid = mid;
    this.direction = 'recvonly';
    this.receiver = { track: new FakeTrack(kind) };
    const sender = {
      track: null,
      replaced: [],
      replaceTrack(track) {
        sender.track = track;
        sender.replaced.push(track);
        return Promise.resolve();
      },
    };
    this.sender = sender;
  }
}

/** Understands just enough SDP: each `m=<kind>` line followed by `a=mid:<mid>`. */
class FakePeerConnection {
  static instances = [];

  constructor(config) {
    this.config = config;
    this.transceivers = [];
    this.connectionState = 'new';
    this.closed = false;
    this.remote = [];
    this.onconnectionstatechange = null;
    /** When set, setRemoteDescription waits for this promise (a slow browser). */
    this.srdGate = null;
    FakePeerConnection.instances.push(this);
  }

  static last() {
    return FakePeerConnection.instances[FakePeerConnection.instances.length - 1];
  }

  async setRemoteDescription(description) {
    if (this.srdGate) await this.srdGate;
    if (description.sdp.includes('broken')) throw new Error('bad SDP');
    this.remote.push(description);
    let kind = null;
    for (const line of description.sdp.split('\r\n')) {
      if (line.startsWith('m=')) kind = line.slice(2).split(' ')[0];
      if (line.startsWith('a=mid:')) {
        const mid = line.slice(6);
        if (!this.transceivers.some((t) => t.mid === mid)) this.transceivers.push(new FakeTransceiver(mid, kind));
      }
    }
  }

  async createAnswer() {
    const directions = this.transceivers.map((t) => `${t.mid}:${t.direction}:${t.sender.track?.id ?? '-'}`);
    return { type: 'answer', sdp: `answer ${directions.join(' ')}` };
  }

  async setLocalDescription(description) {
    this.localDescription = description;
  }

  getTransceivers() {
    return [...this.transceivers];
  }

  close() {
    this.closed = true;
    this.connectionState = 'closed';
  }

  changeState(state) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
}

function sdp(...sections) {
  return ['v=0', ...sections.flatMap(([kind, mid]) => [`m=${kind} 9 UDP/TLS/RTP/SAVPF 96`, `a=mid:${mid}`]), '']
    .join('\r\n');
}

const SLOTS = [['audio', '0'], ['video', '1'], ['video', '2']];

function offer(version, extraSections, tracks) {
  return {
    type: 'sfu-offer', version, sdp: sdp(...SLOTS, ...extraSections),
    slots: { audio: '0', camera: '1', screen: '2' }, tracks,
  };
}

// ---- fixture ---------------------------------------------------------------------------------

let timers;
let sent;
let events;

beforeEach(() => {
  FakePeerConnection.instances = [];
  timers = new FakeTimers();
  sent = [];
  events = [];
});

function newCall(options = {}) {
  const call = new SfuCall({
    client: {
      sfuConnect: () => sent.push({ type: 'sfu-connect' }),
      sfuAnswer: (version, answer) => sent.push({ type: 'sfu-answer', version, sdp: answer }),
    },
    createPeerConnection: (config) => new FakePeerConnection(config),
    createStream: () => new FakeStream(),
    timers,
    ...options,
  });
  for (const type of ['track', 'stream-ended', 'connectionstate', 'failed']) {
    call.on(type, (detail) => events.push({ type, ...detail }));
  }
  return call;
}

async function settle(call) {
  await flush();
  await call.chain;
  await flush();
}

function transceiver(pc, mid) {
  return pc.getTransceivers().find((t) => t.mid === mid);
}

const ICE = [{ urls: ['turn:127.0.0.1:3478?transport=udp'], username: 'u', credential: 'c' }];

// ---- tests -----------------------------------------------------------------------------------

test('start creates one bundled peer connection with the ICE servers and policy and asks for an offer', () => {
  const call = newCall({ iceTransportPolicy: 'relay' });
  call.start(ICE);
  const pc = FakePeerConnection.last();
  assert.deepEqual(pc.config, {
    iceServers: ICE, iceTransportPolicy: 'relay', bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require',
  });
  assert.deepEqual(sent, [{ type: 'sfu-connect' }]);
  assert.equal(call.pc, pc);
});

test('an offer is answered with its version, the slots sending the current local tracks', async () => {
  const call = newCall();
  const mic = new FakeTrack('audio');
  const camera = new FakeTrack('video');
  call.setTrack('audio', mic);
  call.setTrack('camera', camera);
  call.start(ICE);
  call.handleOffer(offer(1, [], []));
  await settle(call);
  const pc = FakePeerConnection.last();
  assert.equal(transceiver(pc, '0').direction, 'sendonly');
  assert.equal(transceiver(pc, '1').direction, 'sendonly');
  assert.equal(transceiver(pc, '2').direction, 'sendonly');
  assert.equal(transceiver(pc, '0').sender.track, mic);
  assert.equal(transceiver(pc, '1').sender.track, camera);
  assert.equal(transceiver(pc, '2').sender.track, null);
  assert.deepEqual(sent[1], { type: 'sfu-answer', version: 1, sdp: `answer 0:sendonly:${mic.id} 1:sendonly:${camera.id} 2:sendonly:-` });
});

test('local track changes replace the slot track without a new answer', async () => {
  const call = newCall();
  call.start(ICE);
  call.handleOffer(offer(1, [], []));
  await settle(call);
  const pc = FakePeerConnection.last();
  const screen = new FakeTrack('video');
  const mic = new FakeTrack('audio');
  call.setTrack('screen', screen);
  call.setTrack('audio', mic);
  call.setTrack('audio', null); // muted
  assert.equal(transceiver(pc, '2').sender.track, screen);
  assert.deepEqual(transceiver(pc, '0').sender.replaced, [mic, null]);
  assert.equal(sent.filter((m) => m.type === 'sfu-answer').length, 1);
  assert.equal(sent.filter((m) => m.type === 'sfu-connect').length, 1);
});

test('received sections are grouped per participant: microphone with camera, screen on its own', async () => {
  const call = newCall();
  call.start(ICE);
  call.handleOffer(offer(1, [['audio', '3'], ['video', '4'], ['video', '5'], ['audio', '6']], [
    { mid: '3', participant: 'ada', source: 'audio' },
    { mid: '4', participant: 'ada', source: 'camera' },
    { mid: '5', participant: 'ada', source: 'screen' },
    { mid: '6', participant: 'bob', source: 'audio' },
  ]));
  await settle(call);
  const pc = FakePeerConnection.last();
  const byKey = new Map(events.filter((e) => e.type === 'track').map((e) => [`${e.kind}:${e.id}`, e.stream]));
  assert.deepEqual([...byKey.keys()].sort(), ['camera:ada', 'camera:bob', 'screen:ada']);
  assert.deepEqual(byKey.get('camera:ada').getTracks(), [transceiver(pc, '3').receiver.track, transceiver(pc, '4').receiver.track]);
  assert.deepEqual(byKey.get('screen:ada').getTracks(), [transceiver(pc, '5').receiver.track]);
  assert.deepEqual(byKey.get('camera:bob').getTracks(), [transceiver(pc, '6').receiver.track]);
  assert.equal(transceiver(pc, '3').direction, 'recvonly', 'receiving sections are left to receive');
  assert.deepEqual(call.participants().sort(), ['ada', 'bob']);
  assert.deepEqual(call.receiversOf('ada').map((r) => r.source), ['audio', 'camera', 'screen']);
});

test('a section that stops carrying a track leaves its stream; an emptied stream ends', async () => {
  const call = newCall();
  call.start(ICE);
  const sections = [['audio', '3'], ['video', '4'], ['video', '5']];
  call.handleOffer(offer(1, sections, [
    { mid: '3', participant: 'ada', source: 'audio' },
    { mid: '4', participant: 'ada', source: 'camera' },
    { mid: '5', participant: 'ada', source: 'screen' },
  ]));
  await settle(call);
  events.length = 0;
  // Ada stops sharing her screen: section 5 is offered inactive and is no longer in `tracks`.
  call.handleOffer(offer(2, sections, [
    { mid: '3', participant: 'ada', source: 'audio' },
    { mid: '4', participant: 'ada', source: 'camera' },
  ]));
  await settle(call);
  assert.deepEqual(events.map((e) => `${e.type} ${e.kind}:${e.id}`), ['stream-ended screen:ada']);
  assert.deepEqual(sent.map((m) => m.version ?? m.type), ['sfu-connect', 1, 2]);
});

test('a reused section moves its track from the participant who left to the new one', async () => {
  const call = newCall();
  call.start(ICE);
  const sections = [['audio', '3'], ['video', '4']];
  call.handleOffer(offer(1, sections, [
    { mid: '3', participant: 'ada', source: 'audio' },
    { mid: '4', participant: 'ada', source: 'camera' },
  ]));
  await settle(call);
  const pc = FakePeerConnection.last();
  events.length = 0;
  call.handleOffer(offer(2, sections, [
    { mid: '3', participant: 'cleo', source: 'audio' },
    { mid: '4', participant: 'cleo', source: 'camera' },
  ]));
  await settle(call);
  assert.deepEqual(events.map((e) => `${e.type} ${e.kind}:${e.id}`), ['stream-ended camera:ada', 'track camera:cleo']);
  const cleo = events[1].stream;
  assert.deepEqual(cleo.getTracks(), [transceiver(pc, '3').receiver.track, transceiver(pc, '4').receiver.track]);
});

test('offers are applied one at a time in arrival order, and a repeated version is ignored', async () => {
  const call = newCall();
  call.start(ICE);
  const pc = FakePeerConnection.last();
  let open;
  pc.srdGate = new Promise((resolve) => { open = resolve; });
  call.handleOffer(offer(1, [], []));
  call.handleOffer(offer(2, [['audio', '3']], [{ mid: '3', participant: 'ada', source: 'audio' }]));
  call.handleOffer(offer(2, [['audio', '3']], [{ mid: '3', participant: 'ada', source: 'audio' }]));
  await flush();
  assert.equal(sent.length, 1, 'nothing answered while the first offer is being applied');
  pc.srdGate = null;
  open();
  await settle(call);
  await settle(call);
  assert.deepEqual(sent.filter((m) => m.type === 'sfu-answer').map((m) => m.version), [1, 2]);
  assert.equal(pc.remote.length, 2);
});

test('a failed connection is replaced by a new one after a backoff, and its streams end', async () => {
  const call = newCall();
  call.start(ICE);
  call.handleOffer(offer(1, [['audio', '3']], [{ mid: '3', participant: 'ada', source: 'audio' }]));
  await settle(call);
  const first = FakePeerConnection.last();
  first.changeState('connected');
  first.changeState('failed');
  assert.equal(FakePeerConnection.instances.length, 1, 'not at once');
  timers.advance(1000);
  assert.equal(FakePeerConnection.instances.length, 2);
  assert.ok(first.closed);
  assert.deepEqual(sent.filter((m) => m.type === 'sfu-connect').length, 2);
  assert.ok(events.some((e) => e.type === 'stream-ended' && e.id === 'ada'));
  // The new connection answers its own offers from version 1 again.
  call.handleOffer(offer(1, [], []));
  await settle(call);
  assert.deepEqual(sent.filter((m) => m.type === 'sfu-answer').map((m) => m.version), [1, 1]);
});

test('repeated failures back off exponentially; a connection that comes up resets the delay', () => {
  const call = newCall();
  call.start(ICE);
  FakePeerConnection.last().changeState('failed');
  timers.advance(1000);
  FakePeerConnection.last().changeState('failed');
  timers.advance(1999);
  assert.equal(FakePeerConnection.instances.length, 2);
  timers.advance(1);
  assert.equal(FakePeerConnection.instances.length, 3);
  FakePeerConnection.last().changeState('connected');
  FakePeerConnection.last().changeState('failed');
  timers.advance(1000);
  assert.equal(FakePeerConnection.instances.length, 4);
});

test('a connection disconnected for 5 seconds is replaced; a shorter dip is not', () => {
  const call = newCall();
  call.start(ICE);
  const pc = FakePeerConnection.last();
  pc.changeState('connected');
  pc.changeState('disconnected');
  timers.advance(4000);
  pc.changeState('connected');
  timers.advance(10000);
  assert.equal(FakePeerConnection.instances.length, 1);
  pc.changeState('disconnected');
  timers.advance(5000);
  timers.advance(1000);
  assert.equal(FakePeerConnection.instances.length, 2);
});

test('an offer the browser refuses starts a fresh connection; so does bad-sdp from the server', async () => {
  const call = newCall();
  call.start(ICE);
  call.handleOffer({ ...offer(1, [], []), sdp: 'broken' });
  await settle(call);
  timers.advance(1000);
  assert.equal(FakePeerConnection.instances.length, 2);
  call.handleError('bad-sdp');
  timers.advance(2000);
  assert.equal(FakePeerConnection.instances.length, 3);
});

test('close ends the connection and every stream, and offers after it are ignored', async () => {
  const call = newCall();
  call.start(ICE);
  call.handleOffer(offer(1, [['video', '3']], [{ mid: '3', participant: 'ada', source: 'camera' }]));
  await settle(call);
  const pc = FakePeerConnection.last();
  call.close();
  assert.ok(pc.closed);
  assert.equal(call.pc, null);
  assert.ok(events.some((e) => e.type === 'stream-ended' && e.id === 'ada'));
  call.handleOffer(offer(2, [], []));
  await settle(call);
  pc.changeState('failed');
  timers.advance(60000);
  assert.equal(FakePeerConnection.instances.length, 1);
  assert.equal(sent.filter((m) => m.type === 'sfu-answer').length, 1);
});
