import { describe, expect, it } from 'vitest';
import { Presence } from './Presence.js';

describe('Presence', () => {
  it('ME-13 counts one, two and three connections of a person, and the person is offline once the last one ends', () => {
    const presence = new Presence();
    presence.connected('ana', 's1');
    expect(presence.isOnline('ana')).toBe(true);
    expect([...presence.socketsOf('ana')]).toEqual(['s1']);
    // the same connection joining again counts once
    presence.connected('ana', 's1');
    expect([...presence.socketsOf('ana')]).toEqual(['s1']);
    presence.connected('ana', 's2');
    presence.connected('ana', 's3');
    expect([...presence.socketsOf('ana')].sort()).toEqual(['s1', 's2', 's3']);
    presence.disconnected('ana', 's2');
    expect([...presence.socketsOf('ana')].sort()).toEqual(['s1', 's3']);
    presence.disconnected('ana', 's1');
    expect([...presence.socketsOf('ana')]).toEqual(['s3']);
    // a connection that is not hers changes nothing
    presence.disconnected('ana', 's9');
    expect(presence.isOnline('ana')).toBe(true);
    presence.disconnected('ana', 's3');
    expect(presence.isOnline('ana')).toBe(false);
    expect([...presence.socketsOf('ana')]).toEqual([]);
    // her next connection after that starts over
    presence.connected('ana', 's4');
    expect([...presence.socketsOf('ana')]).toEqual(['s4']);
  });

  it('ME-13 keeps people apart and lists who is online', () => {
    const presence = new Presence();
    presence.connected('ana', 's1');
    presence.connected('bo', 's2');
    presence.connected('bo', 's3');
    presence.disconnected('ana', 's2');
    expect([...presence.online()].sort()).toEqual(['ana', 'bo']);
    presence.disconnected('ana', 's1');
    expect([...presence.online()]).toEqual(['bo']);
    expect([...presence.socketsOf('bo')].sort()).toEqual(['s2', 's3']);
  });
});
