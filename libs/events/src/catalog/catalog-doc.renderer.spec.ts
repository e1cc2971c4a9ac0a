import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsDate,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnyEventUpcaster } from '../interfaces/upcaster.interface.js';
import { defineUpcaster } from '../versioning/upcaster.definition.js';
import { renderCatalogMarkdown } from './catalog-doc.renderer.js';
import { EventCatalog } from './event-catalog.js';
import { defineEvent } from './event-definition.js';

class Address {
  @IsString() city: string;
}

class BaseOrder {
  @IsString() order_id: string;
}

class OrderPlacedV1 extends BaseOrder {
  @IsInt() @Min(0) total: number;
}

class OrderPlacedV2 extends BaseOrder {
  @IsInt() @Min(1) total: number;
  @IsArray() @ArrayNotEmpty() @IsIn(['a', 'b'], { each: true }) tags: string[];
  @IsOptional() @IsString() @MaxLength(20) note?: string;
  @ValidateNested() @Type(() => Address) ship_to: Address;
  @IsDate() @Type(() => Date) placed_at: Date;
  @Matches(/^x|y$/) code: string;
}

class PingPayload {
  @IsString() from: string;
}

const definitions = [
  defineEvent({ type: 'order.placed', version: 2, payload: OrderPlacedV2, domain: 'shop', description: 'An order was placed.' }),
  defineEvent({ type: 'order.placed', version: 1, payload: OrderPlacedV1, domain: 'shop', description: 'An order was placed (cents).' }),
  defineEvent({ type: 'ping', payload: PingPayload }),
  defineEvent({ type: 'audit.logged', payload: PingPayload, domain: 'admin' }),
];

describe('renderCatalogMarkdown', () => {
  const markdown = renderCatalogMarkdown(new EventCatalog(definitions));
  const lines = markdown.split('\n');

  it('renders the same bytes whatever order the catalog was built in', () => {
    assert.equal(renderCatalogMarkdown(new EventCatalog([...definitions].reverse())), markdown);
    assert.ok(markdown.endsWith('|\n') || markdown.endsWith('.\n'));
  });

  it('groups the contents by domain, sorted, with definitions without a domain last', () => {
    const contents = lines.slice(lines.indexOf('## Contents') + 2, lines.indexOf('## Contents') + 8);
    assert.deepEqual(contents, [
      '- [admin](#domain-admin)',
      '  - [`audit.logged`](#event-audit.logged) (v1)',
      '- [shop](#domain-shop)',
      '  - [`order.placed`](#event-order.placed) (v2, v1)',
      '- [(no domain)](#domain-no-domain)',
      '  - [`ping`](#event-ping) (v1)',
    ]);
    assert.ok(lines.includes('<a id="event-order.placed"></a>') && lines.includes('<a id="domain-shop"></a>'));
  });

  it('lists every version of a type, newest first, each with its own description and fields', () => {
    const v2 = lines.indexOf('#### Version 2 (latest)');
    const v1 = lines.indexOf('#### Version 1');
    assert.ok(v2 > 0 && v1 > v2);
    assert.equal(lines[v1 + 2], 'An order was placed (cents).');
    assert.ok(lines.slice(v1).includes('| `total` | `number` | yes | `isInt`, `min(0)` |'));
  });

  it('derives types, optionality and constraints from class-validator metadata', () => {
    const rows = lines.slice(lines.indexOf('#### Version 2 (latest)')).filter((line) => line.startsWith('| `'));
    assert.deepEqual(rows.slice(0, 8), [
      '| `order_id` | `string` | yes | - |',
      '| `total` | `number` | yes | `isInt`, `min(1)` |',
      "| `tags` | `('a' \\| 'b')[]` | yes | `arrayNotEmpty` |",
      '| `note` | `string` | no | `maxLength(20)` |',
      '| `ship_to` | `Address` | yes | `validateNested` |',
      '| `ship_to.city` | `string` | yes | - |',
      '| `placed_at` | `Date` | yes | - |',
      '| `code` | `string` | yes | `matches(/^x\\|y$/)` |',
    ]);
  });

  it('derives the type without design:type metadata, as when reflect-metadata loads after the payload classes', () => {
    // Decorators applied by hand emit no design:type, like classes evaluated before reflect-metadata was imported.
    class Contact {
      email: string;
    }
    IsEmail()(Contact.prototype, 'email');
    const rendered = renderCatalogMarkdown(new EventCatalog([defineEvent({ type: 'contact.added', payload: Contact })]));
    assert.equal(Reflect.getMetadata('design:type', Contact.prototype, 'email'), undefined);
    assert.ok(rendered.includes('| `email` | `string` | yes | `isEmail` |'), rendered);
  });

  it('uses the title option', () => {
    assert.equal(renderCatalogMarkdown(new EventCatalog([]), { title: 'Shop events' }).split('\n')[0], '# Shop events');
  });
});

class SignupV1 {
  @IsString() name: string;
}

class SignupV2 {
  @IsString() name: string;
  @IsIn(['free', 'gold']) tier: string;
}

class SignupV3 {
  @IsString() display_name: string;
  @IsIn(['free', 'gold']) tier: string;
}

describe('renderCatalogMarkdown with upcasters', () => {
  const signupV1 = defineEvent({
    type: 'member.signed_up',
    version: 1,
    payload: SignupV1,
    domain: 'club',
    description: 'A member joined.',
  });
  const signupV2 = defineEvent({ type: 'member.signed_up', version: 2, payload: SignupV2, domain: 'club', description: 'With a tier.' });
  const signupV3 = defineEvent({ type: 'member.signed_up', version: 3, payload: SignupV3, domain: 'club', description: 'Renamed.' });
  const v1ToV2 = defineUpcaster(signupV1, signupV2, (v1) => ({ ...v1, tier: 'free' }), 'adds tier (free)');
  const v2ToV3 = defineUpcaster(signupV2, signupV3, ({ name, tier }) => ({ display_name: name, tier }), 'renames name to\ndisplay_name');
  const catalog = new EventCatalog([
    signupV3,
    signupV1,
    signupV2,
    defineEvent({ type: 'club.closed', payload: PingPayload, domain: 'club' }),
  ]);
  const render = (upcasters?: AnyEventUpcaster[]) => renderCatalogMarkdown(catalog, upcasters === undefined ? {} : { upcasters });
  const section = (markdown: string) => {
    const lines = markdown.split('\n');
    return lines.slice(lines.indexOf('### `member.signed_up`'));
  };

  it('lists each step of a type with several versions, oldest first, before its versions, then every version with its fields', () => {
    const lines = section(render([v2ToV3, v1ToV2]));
    assert.deepEqual(lines.slice(0, 6), [
      '### `member.signed_up`',
      '',
      'Older events reach handlers upcast one step at a time, to the version each handler takes (the latest unless pinned):',
      '',
      '- v1 → v2: adds tier (free)',
      '- v2 → v3: renames name to display_name',
    ]);
    const headings = lines.filter((line) => line.startsWith('#### '));
    assert.deepEqual(headings, ['#### Version 3 (latest)', '#### Version 2', '#### Version 1']);
    assert.ok(lines.includes('| `display_name` | `string` | yes | - |'));
    assert.ok(lines.includes("| `tier` | `'free' \\| 'gold'` | yes | - |"));
    assert.ok(lines.includes('| `name` | `string` | yes | - |'));
  });

  it('marks a step no upcaster covers, and says when an upcaster has no description', () => {
    const undescribed = defineUpcaster(signupV1, signupV2, (v1) => ({ ...v1, tier: 'free' }));
    assert.deepEqual(section(render([undescribed])).slice(4, 6), [
      '- v1 → v2: (no description)',
      '- v2 → v3: **no upcaster**; handlers that take v3 or later fail bootstrap while v2 is registered',
    ]);
    assert.deepEqual(section(render([])).slice(4, 6), [
      '- v1 → v2: **no upcaster**; handlers that take v2 or later fail bootstrap while v1 is registered',
      '- v2 → v3: **no upcaster**; handlers that take v3 or later fail bootstrap while v2 is registered',
    ]);
  });

  it('renders the same bytes whatever order the upcasters come in, and nothing about steps without the option', () => {
    assert.equal(render([v1ToV2, v2ToV3]), render([v2ToV3, v1ToV2]));
    const plain = render();
    assert.ok(!plain.includes('→') && !plain.includes('Older events reach handlers'));
    assert.equal(render([v1ToV2, v2ToV3]).replace(/\nOlder events reach[^\n]*\n\n(- v[^\n]*\n)+/, ''), plain);
  });

  it('lists no steps for a type of one version', () => {
    const lines = render([v1ToV2, v2ToV3]).split('\n');
    const closed = lines.indexOf('### `club.closed`');
    assert.deepEqual(lines.slice(closed, closed + 3), ['### `club.closed`', '', '#### Version 1 (latest)']);
  });
});
