import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  FileTransfers, CHUNK_SIZE, DOWNLOAD_TYPE, HIGH_WATER,
} from '../../main/resources/web/js/file-transfer.js';

/** One direction of a data channel: frames arrive asynchronously; bufferedAmount drains on delivery. */
class FakeChannel extends EventTarget {
  constructor() {
    super();
    this.readyState = 'open';
    this.bufferedAmount = 0;
    this.bufferedAmountLowThreshold = 0;
    this.maxBuffered = 0;
    this.frames = 0;
    this.deliver = () => {};
  }

  send(data) {
    const size = typeof data === 'string' ? data.length : data.byteLength;
    if (typeof data !== 'string') {
      assert.ok(size <= CHUNK_SIZE + 4, 'data frames are at most 16 KiB plus the header');
      this.frames++;
    }
    this.bufferedAmount += size;
    this.maxBuffered = Math.max(this.maxBuffered, this.bufferedAmount);
    const copy = typeof data === 'string' ? data : data.slice(0);
    setImmediate(() => {
      const before = this.bufferedAmount;
      this.bufferedAmount -= size;
      if (before > this.bufferedAmountLowThreshold && this.bufferedAmount <= this.bufferedAmountLowThreshold) {
        this.dispatchEvent(new Event('bufferedamountlow'));
      }
      this.deliver(copy);
    });
  }
}

function pair(options = {}) {
  const aToB = new FakeChannel();
  const bToA = new FakeChannel();
  const a = new FileTransfers({ channel: () => aToB, ...options });
  const b = new FileTransfers({ channel: () => bToA, ...options });
  aToB.deliver = (data) => b.handleData('A', data);
  bToA.deliver = (data) => a.handleData('B', data);
  return { a, b, aToB };
}

function until(emitter, predicate) {
  return new Promise((resolve) => {
    const off = emitter.on('change', (t) => {
      if (predicate(t)) {
        off();
        resolve(t);
      }
    });
  });
}

function bytes(n) {
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) data[i] = (i * 31 + 7) & 255;
  return data;
}

test('a 5 MiB file arrives in 16 KiB chunks with the same SHA-256, with backpressure', async () => {
  const { a, b, aToB } = pair();
  const content = bytes(5 * 1024 * 1024);
  b.on('incoming', (t) => b.accept(t.id));
  const received = until(b, (t) => t.status === 'done');
  const delivered = until(a, (t) => t.status === 'done');
  const sent = a.offer('B', new File([content], 'five.bin', { type: 'application/octet-stream' }));
  assert.equal(sent.status, 'waiting');
  const done = await received;
  await delivered;
  const got = new Uint8Array(await done.file.arrayBuffer());
  assert.equal(got.length, content.length);
  assert.equal(createHash('sha256').update(got).digest('hex'), createHash('sha256').update(content).digest('hex'));
  assert.equal(done.name, 'five.bin');
  assert.equal(aToB.frames, Math.ceil(content.length / CHUNK_SIZE));
  assert.ok(aToB.maxBuffered <= HIGH_WATER + CHUNK_SIZE + 4 + 1024, `buffered ${aToB.maxBuffered}`);
});

test('a received file claiming to be HTML is kept as opaque bytes, never as a renderable type', async () => {
  const { a, b } = pair();
  b.on('incoming', (t) => b.accept(t.id));
  const received = until(b, (t) => t.status === 'done');
  a.offer('B', new File(['<script>alert(1)</script>'], 'page.html', { type: 'text/html' }));
  const done = await received;
  assert.equal(done.file.type, DOWNLOAD_TYPE);
  assert.equal(DOWNLOAD_TYPE, 'application/octet-stream');
  assert.equal(await done.file.text(), '<script>alert(1)</script>');
});

test('an empty file is transferred and verified', async () => {
  const { a, b } = pair();
  b.on('incoming', (t) => b.accept(t.id));
  const received = until(b, (t) => t.status === 'done');
  a.offer('B', new File([], 'empty.txt'));
  assert.equal((await received).file.size, 0);
});

test('a declined offer ends on both sides and sends no data', async () => {
  const { a, b, aToB } = pair();
  b.on('incoming', (t) => b.decline(t.id));
  const declined = until(a, (t) => t.status === 'declined');
  a.offer('B', new File([bytes(1000)], 'x.bin'));
  await declined;
  assert.equal(aToB.frames, 0);
  assert.equal([...b.transfers.values()][0].status, 'declined');
});

test('the receiver can cancel a running transfer; the sender stops', async () => {
  const { a, b, aToB } = pair();
  b.on('incoming', (t) => b.accept(t.id));
  b.on('change', (t) => { if (t.status === 'active' && t.bytes >= 64 * 1024) b.cancel(t.id); });
  const cancelled = until(a, (t) => t.status === 'cancelled');
  a.offer('B', new File([bytes(8 * 1024 * 1024)], 'big.bin'));
  await cancelled;
  const framesAtCancel = aToB.frames;
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(aToB.frames, framesAtCancel, 'no frames after the cancel was seen');
  assert.ok(framesAtCancel < 512, 'stopped well before the end');
});

test('files over the limit are refused by the sender and declined by the receiver', async () => {
  const { a } = pair({ maxBytes: 1000 });
  assert.throws(() => a.offer('B', new File([bytes(1001)], 'big.bin')), /up to 1000 bytes/);
  const { a: bigSender, b: smallReceiver } = (() => {
    const aToB = new FakeChannel();
    const bToA = new FakeChannel();
    const s = new FileTransfers({ channel: () => aToB, maxBytes: 10_000 });
    const r = new FileTransfers({ channel: () => bToA, maxBytes: 1000 });
    aToB.deliver = (d) => r.handleData('A', d);
    bToA.deliver = (d) => s.handleData('B', d);
    return { a: s, b: r };
  })();
  const declined = until(bigSender, (t) => t.status === 'declined');
  bigSender.offer('B', new File([bytes(5000)], 'mid.bin'));
  await declined;
  assert.equal([...smallReceiver.transfers.values()][0].status, 'declined');
});

test('a damaged file fails verification on both sides', async () => {
  const { a, b, aToB } = pair();
  const deliver = aToB.deliver;
  aToB.deliver = (data) => {
    if (data instanceof ArrayBuffer) new Uint8Array(data)[10] ^= 0xff; // corrupt every chunk
    deliver(data);
  };
  b.on('incoming', (t) => b.accept(t.id));
  const failedB = until(b, (t) => t.status === 'failed');
  const failedA = until(a, (t) => t.status === 'failed');
  a.offer('B', new File([bytes(40000)], 'x.bin'));
  assert.match((await failedB).error, /checksum/);
  assert.match((await failedA).error, /checksum/);
});

test('losing the peer fails running transfers', async () => {
  const { a, b } = pair();
  const offered = new Promise((resolve) => b.on('incoming', resolve));
  a.offer('B', new File([bytes(100)], 'x.bin'));
  await offered;
  b.peerGone('A');
  a.peerGone('B');
  assert.equal([...b.transfers.values()][0].status, 'failed');
  assert.equal([...a.transfers.values()][0].status, 'failed');
});
