import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate, version } from 'uuid';
import { advanceUuidV7Clock, UuidV7Generator, uuidV7 } from './uuid-v7.util.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const timestampOf = (id: string): number => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
// The 32-bit counter: the 12 bits after the version nibble, 6 after the variant bits, 8, then the next 6.
const counterOf = (id: string): number => {
  const bits = BigInt(`0x${id.replace(/-/g, '')}`);
  const randA = Number((bits >> 64n) & 0xfffn);
  const randB = (bits >> 32n) & 0x3fffffffn; // the top 30 bits of rand_b, after the 2 variant bits
  return ((randA << 20) | Number(randB >> 10n)) >>> 0;
};

/** A fill that writes the bytes it is given, then zeroes, and counts its calls. */
function scriptedFill(...bytes: number[]): { fill: (buffer: Uint8Array) => void; calls: () => number } {
  let calls = 0;
  return {
    fill: (buffer) => {
      calls++;
      buffer.fill(0);
      buffer.set(bytes.slice(0, buffer.length));
    },
    calls: () => calls,
  };
}

describe('uuidV7', () => {
  it('makes 100k well-formed, strictly increasing ids in a tight loop', () => {
    const before = Date.now();
    const ids = Array.from({ length: 100_000 }, () => uuidV7());
    const after = Date.now();
    for (let i = 0; i < ids.length; i++) {
      assert.match(ids[i]!, UUID_V7);
      if (i > 0) assert.ok(ids[i - 1]! < ids[i]!, `${ids[i - 1]} < ${ids[i]}`);
    }
    // The timestamp may run ahead of the clock only by counter wraps, which 100k ids cannot cause.
    assert.ok(timestampOf(ids[0]!) >= before && timestampOf(ids.at(-1)!) <= after);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('agrees with uuid on what a version 7 UUID is', () => {
    for (let i = 0; i < 1_000; i++) {
      const id = uuidV7();
      assert.ok(validate(id), id);
      assert.equal(version(id), 7);
    }
  });
});

describe('UuidV7Generator', () => {
  it('writes the millisecond, the seeded counter and random tail bits, and counts up within a millisecond', () => {
    const ms = 0x0192_f4a4_7c1e;
    // Seed 0xffffffff has its top bit cleared; then the 6 tail bytes of the first id.
    const random = scriptedFill(0xff, 0xff, 0xff, 0xff, 0x01, 0xab, 0xcd, 0xef, 0x12, 0x34);
    const generator = new UuidV7Generator({ now: () => ms, fill: random.fill });
    const first = generator.next();
    assert.equal(first, '0192f4a4-7c1e-77ff-bfff-fdabcdef1234');
    assert.equal(counterOf(first), 0x7fffffff);
    const second = generator.next();
    assert.equal(counterOf(second), 0x80000000);
    assert.equal(timestampOf(second), ms);
    assert.ok(first < second);
  });

  it('keeps ids increasing when the clock stands still or goes back', () => {
    let now = 1_000_000;
    const generator = new UuidV7Generator({ now: () => now });
    const ids = [generator.next()];
    for (const step of [0, -5, 0, -1_000, 2_000]) {
      now += step;
      ids.push(generator.next());
    }
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(timestampOf(ids[4]!), 1_000_000, 'the last millisecond is kept while the clock is behind it');
    assert.equal(timestampOf(ids[5]!), 1_000_995, 'a later millisecond than the last is taken');
  });

  it('draws from its pool until it is used up, then refills it in one call', () => {
    const random = scriptedFill(); // all zeroes
    let now = 1;
    // A new millisecond takes 10 bytes and a repeated one 6: a 16-byte pool holds one of each.
    const generator = new UuidV7Generator({ now: () => now, fill: random.fill, poolSize: 16 });
    generator.next();
    generator.next();
    assert.equal(random.calls(), 1);
    now = 2;
    generator.next();
    assert.equal(random.calls(), 2);
  });

  it('gives every id fresh tail bytes', () => {
    let next = 0;
    // Every byte of the pool differs, so two ids sharing a tail would mean a byte was used twice.
    const generator = new UuidV7Generator({
      now: () => 5,
      fill: (buffer) => buffer.forEach((_, i) => (buffer[i] = next++ & 0xff)),
      poolSize: 64,
    });
    const tails = Array.from({ length: 30 }, () => generator.next().slice(-10));
    assert.equal(new Set(tails).size, tails.length);
  });
});

describe('advanceUuidV7Clock', () => {
  it('moves the timestamp one millisecond ahead when the counter wraps', () => {
    const clock = advanceUuidV7Clock({ ms: 10, seq: 0xffffffff | 0 }, 10, 0);
    assert.deepEqual(clock, { ms: 11, seq: 0 });
  });

  it('seeds a later millisecond with 31 bits, so the counter has room to count up', () => {
    assert.deepEqual(advanceUuidV7Clock({ ms: 10, seq: 7 }, 11, 0xffffffff | 0), { ms: 11, seq: 0x7fffffff });
  });
});
