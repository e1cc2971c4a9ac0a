import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envelopeViolations, isSoundEnvelope } from './envelope.validator.js';

const sound = {
  id: 'e1',
  type: 'book.purchased',
  version: 1,
  occurredAt: new Date('2026-01-01T00:00:00Z'),
  source: '',
  correlationId: 'c1',
  causationId: null,
  data: {},
  metadata: { traceparent: 'x' },
};

// Each entry breaks one field; the fast check and the full check must agree on every one of them.
const variants: Record<string, unknown> = {
  sound,
  'null event': null,
  'string event': 'book.purchased',
  'empty id': { ...sound, id: '' },
  'numeric id': { ...sound, id: 1 },
  'bad type': { ...sound, type: 'Book Purchased' },
  'missing type': { ...sound, type: undefined },
  'version 0': { ...sound, version: 0 },
  'fractional version': { ...sound, version: 1.5 },
  'string date': { ...sound, occurredAt: '2026-01-01' },
  'invalid date': { ...sound, occurredAt: new Date('nope') },
  'numeric source': { ...sound, source: 1 },
  'empty correlation': { ...sound, correlationId: '' },
  'numeric causation': { ...sound, causationId: 7 },
  'string causation': { ...sound, causationId: 'p1' },
  'undefined data': { ...sound, data: undefined },
  'null data': { ...sound, data: null },
  'null metadata': { ...sound, metadata: null },
  'array metadata': { ...sound, metadata: [] },
  'numeric header': { ...sound, metadata: { n: 1 } },
};

describe('isSoundEnvelope and envelopeViolations', () => {
  for (const [name, value] of Object.entries(variants)) {
    it(`agree on: ${name}`, () => {
      assert.equal(isSoundEnvelope(value), envelopeViolations(value).length === 0);
      // A type memo that accepts any string skips only the type regex; every other check still applies.
      if (typeof (value as { type?: unknown } | null)?.type === 'string') {
        const otherThanType = envelopeViolations(value).filter((v) => v.path !== 'type');
        assert.equal(
          isSoundEnvelope(value, () => true),
          otherThanType.length === 0,
        );
      }
    });
  }

  it('accept exactly the sound variants', () => {
    const accepted = Object.entries(variants)
      .filter(([, value]) => isSoundEnvelope(value))
      .map(([name]) => name);
    assert.deepEqual(accepted, ['sound', 'string causation', 'null data']);
  });
});
