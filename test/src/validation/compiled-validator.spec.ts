import 'reflect-metadata';
import {
  bookPurchased,
  commentCreated,
  depositCreated,
  notificationCreated,
  permissionChanged,
  readingProgressUpdated,
  userLoggedIn,
  userRegistered,
  webNovelCatalog,
  withdrawalCreated,
  writingCharacterUpdated,
} from '@webnovel/contracts';
import { type DomainEvent, type EventDefinition } from '@webnovel/events';
import { compilePayloadValidator, payloadViolations } from '@webnovel/events/internal';
import { getMetadataStorage } from 'class-validator';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// Not exported from the @webnovel/events barrel (yet), so reach into the built files.

type PayloadClass = EventDefinition['payload'];

const WRONG_VALUES: readonly unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  'usd',
  'A'.repeat(129),
  'alice@example.com',
  '999.1.1.1',
  0,
  -1,
  1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.MAX_SAFE_INTEGER + 1,
  '100',
  true,
  [],
  [''],
  ['a', 'a'],
  [1],
  ['email', 'fax'],
  {},
  new Date('2024-05-01T10:00:00Z'),
  new Date('not a date'),
  '2024-05-01T10:00:00Z',
];

// Tried in order until one satisfies a property; isIn options and list shapes are added from the metadata.
const CANDIDATES: readonly unknown[] = [
  'id-1',
  'alice@example.com',
  '127.0.0.1',
  'CNY',
  100,
  1,
  true,
  new Date('2024-05-01T10:00:00Z'),
  ['name'],
];

/** Hand-built valid payloads, at least one per domain, through the factories producers use. */
const FACTORY_EVENTS: readonly DomainEvent[] = [
  userRegistered({ user_id: 'u1', username: 'alice', email: 'alice@example.com' }),
  userLoggedIn({ user_id: 'u1', ip: '10.0.0.1', user_agent: 'Mozilla/5.0' }),
  readingProgressUpdated({ user_id: 'u1', book_id: 'b1', chapter_id: 'c1', position: 120, progress_percent: 42.5 }),
  writingCharacterUpdated({ character_id: 'ch1', book_id: 'b1', author_id: 'a1', changed_fields: ['name', 'backstory'] }),
  commentCreated({ comment_id: 'cm1', user_id: 'u1', target_type: 'chapter', target_id: 'c1', content: 'Great chapter!' }),
  bookPurchased({ order_id: 'o1', user_id: 'u1', book_id: 'b1', amount: 1999, currency: 'CNY' }),
  depositCreated({ deposit_id: 'd1', user_id: 'u1', amount: 10_000, currency: 'USD', channel: 'card' }),
  withdrawalCreated({ withdrawal_id: 'w1', user_id: 'a1', amount: 5000, currency: 'CNY', method: 'bank_transfer' }),
  notificationCreated({
    notification_id: 'n1',
    user_id: 'u1',
    type: 'follow',
    title: 'New follower',
    content: 'bob follows you',
    channels: ['in_app', 'push'],
  }),
  permissionChanged({ operator_id: 'op1', target_type: 'role', target_id: 'editor', granted: ['publish'], revoked: [] }),
];

/** Rules per property, as class-validator reads them. */
function rulesOf(payloadClass: PayloadClass): Map<string, { name?: string; constraints?: unknown[] }[]> {
  const byProperty = new Map<string, { name?: string; constraints?: unknown[] }[]>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(payloadClass, '', false, false)) {
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  return byProperty;
}

/** Values at and just past each bound the metadata declares: lengths, minimums, maximums, allowed values. */
function edgesOf(rules: readonly { name?: string; constraints?: unknown[] }[]): unknown[] {
  return rules.flatMap(({ name, constraints = [] }) => {
    const [bound] = constraints;
    if (name === 'maxLength' && typeof bound === 'number') return ['a'.repeat(bound), 'a'.repeat(bound + 1)];
    if ((name === 'min' || name === 'max') && typeof bound === 'number') return [bound - 1, bound, bound + 1, bound + 0.5];
    if (name === 'isIn' && Array.isArray(bound))
      return [...bound, ...bound.map((v) => [v]), String(bound[0]).toUpperCase(), [bound[0], 'nope']];
    return [];
  });
}

function build(payloadClass: PayloadClass, fields: Readonly<Record<string, unknown>>): object {
  return Object.assign(new payloadClass(), fields);
}

/** A valid payload assembled property by property, with class-validator as the judge. */
function synthesize(payloadClass: PayloadClass): Record<string, unknown> | undefined {
  const fields: Record<string, unknown> = {};
  for (const [property, rules] of rulesOf(payloadClass)) {
    const allowed = rules.flatMap(({ name, constraints = [] }) => (name === 'isIn' && Array.isArray(constraints[0]) ? constraints[0] : []));
    const candidates = [...allowed.slice(0, 1), ...allowed.slice(0, 1).map((v) => [v]), ...CANDIDATES];
    const fits = candidates.find((value) =>
      payloadViolations(build(payloadClass, { [property]: value })).every((v) => v.path !== `data.${property}`),
    );
    if (fits === undefined) return undefined;
    fields[property] = fits;
  }
  return payloadViolations(build(payloadClass, fields)).length === 0 ? fields : undefined;
}

function outcome(run: () => unknown): unknown {
  try {
    return { returned: run() };
  } catch (error) {
    return { threw: String(error) };
  }
}

/** Compares both validators on one payload; a payload class-validator accepts must be decided on the fast path. */
function assertSame(compiled: ReturnType<typeof compilePayloadValidator>, payload: object, label: string): void {
  const fast = outcome(() => compiled(payload));
  assert.deepStrictEqual(
    fast,
    outcome(() => payloadViolations(payload)),
    label,
  );
  const returned = (fast as { returned?: unknown[] }).returned;
  if (returned?.length === 0) assert.ok(Object.isFrozen(returned), `${label}: a valid payload took the slow path`);
}

/** Every field wrong in every way (and at its bounds), missing, all fields wrong at once, an extra key. */
function assertMutations(
  compiled: ReturnType<typeof compilePayloadValidator>,
  payloadClass: PayloadClass,
  valid: Readonly<Record<string, unknown>>,
): number {
  const name = payloadClass.name;
  const rules = rulesOf(payloadClass);
  let checked = 0;
  const check = (payload: object, label: string) => {
    assertSame(compiled, payload, `${name}, ${label}`);
    checked++;
  };
  check(build(payloadClass, valid), 'valid');
  for (const [property, propertyRules] of rules) {
    const { [property]: _dropped, ...rest } = valid;
    check(build(payloadClass, rest), `${property} missing`);
    for (const value of [...edgesOf(propertyRules), ...WRONG_VALUES]) {
      check(build(payloadClass, { ...valid, [property]: value }), `${property} = ${String(value)}`);
    }
  }
  for (const value of WRONG_VALUES) {
    check(
      build(payloadClass, Object.fromEntries([...rules.keys()].map((property) => [property, value]))),
      `every field = ${String(value)}`,
    );
  }
  check(build(payloadClass, { ...valid, unexpected: 'x' }), 'extra key');
  check(Object.freeze(build(payloadClass, valid)), 'frozen');
  return checked;
}

describe('compiled payload validators over the whole web-novel catalog', () => {
  const definitions = webNovelCatalog.definitions();

  it('compile every payload class to the fast path', () => {
    assert.ok(definitions.length > 50, `only ${definitions.length} definitions`);
    const slow = definitions
      .map((definition) => compilePayloadValidator(definition.payload))
      .filter((compiled) => !compiled.fastPath)
      .map((compiled) => compiled.slowPathReason);
    // Not a correctness failure, a throughput one: such classes still validate, at class-validator's speed.
    assert.deepStrictEqual(slow, [], 'payload classes left on class-validator');
  });

  for (const definition of definitions) {
    it(`${definition.type} v${definition.version}: agrees with payloadViolations on mutations of a valid payload`, () => {
      const payloadClass = definition.payload;
      const compiled = compilePayloadValidator(payloadClass);
      const valid = synthesize(payloadClass);
      assert.ok(valid, `no valid ${payloadClass.name} could be synthesized; add a candidate value`);
      assert.ok(assertMutations(compiled, payloadClass, valid) > 20);
      assertSame(compiled, new payloadClass(), `${payloadClass.name}, empty`);
      assertSame(compiled, { ...valid }, `${payloadClass.name}, plain object`);
    });
  }

  for (const event of FACTORY_EVENTS) {
    it(`${event.type}: agrees with payloadViolations on mutations of a factory-built payload`, () => {
      const definition = webNovelCatalog.get(event.type, event.version);
      assert.ok(definition);
      const compiled = compilePayloadValidator(definition.payload);
      assert.ok(event.data instanceof definition.payload);
      assertSame(compiled, event.data, `${event.type}, as built`);
      assert.ok(assertMutations(compiled, definition.payload, { ...event.data }) > 20);
    });
  }
});
