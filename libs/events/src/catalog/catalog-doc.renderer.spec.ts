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
