import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isValidRoomName, normalizeRoomName, randomRoomName, roomFromLocation, roomNameProblem,
} from '../../main/resources/web/js/room-name.js';

test('room names are 1 to 64 characters of letters, digits, dash and underscore', () => {
  for (const ok of ['a', 'Daily-Standup_2', 'x'.repeat(64)]) assert.ok(isValidRoomName(ok), ok);
  for (const bad of ['', 'x'.repeat(65), 'has space', 'ünïcode', 'a/b', 'a.b', '<b>']) {
    assert.ok(!isValidRoomName(bad), bad);
    assert.notEqual(roomNameProblem(bad), null);
  }
  assert.equal(normalizeRoomName('Daily-Standup'), 'daily-standup');
});

test('random room names are readable and valid', () => {
  for (let i = 0; i < 200; i++) {
    const name = randomRoomName();
    assert.match(name, /^[a-z]+-[a-z]+-[1-9][0-9]$/);
    assert.ok(isValidRoomName(name));
  }
  assert.equal(randomRoomName(() => 0), 'amber-badger-10');
});

test('the room comes from /r/<room>, lower-cased, or from ?room= on a plain file server', () => {
  assert.equal(roomFromLocation({ pathname: '/r/Daily-Standup', search: '' }), 'daily-standup');
  assert.equal(roomFromLocation({ pathname: '/room.html', search: '?room=abc' }), 'abc');
  assert.equal(roomFromLocation({ pathname: '/r/bad%20name', search: '' }), null);
  assert.equal(roomFromLocation({ pathname: '/other', search: '' }), null);
});
