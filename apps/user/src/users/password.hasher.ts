import { Injectable } from '@nestjs/common';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 64;
const SALT_BYTES = 16;
// N=2^15, r=8 costs 32 MiB and about 0.1 s per hash: slow for guessing, yet many logins fit in memory at once.
// OWASP's N=2^17 would need 128 MiB per concurrent login.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }, length: number): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * Hashes passwords with scrypt and a random salt per password. The stored string carries its parameters
 * (`scrypt$N$r$p$salt$key`), so raising the cost later does not invalidate existing hashes.
 */
@Injectable()
export class PasswordHasher {
  /** A new salted hash of `password`. */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, PARAMS, KEY_LENGTH);
    return [PREFIX, PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  /** Whether `password` matches `stored`. Compares in constant time; a malformed hash never matches. */
  async verify(password: string, stored: string): Promise<boolean> {
    const [prefix, n, r, p, salt, key] = stored.split('$');
    const params = { N: Number(n), r: Number(r), p: Number(p) };
    if (prefix !== PREFIX || !salt || !key || !Object.values(params).every((v) => Number.isInteger(v) && v > 0)) return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await derive(password, Buffer.from(salt, 'base64'), params, expected.length);
    return timingSafeEqual(actual, expected);
  }

  /**
   * Burns the time of one verification. Called when the e-mail is unknown, so response time does not tell
   * an attacker which addresses are registered.
   */
  async verifyNothing(password: string): Promise<void> {
    await derive(password, randomBytes(SALT_BYTES), PARAMS, KEY_LENGTH);
  }
}
