import type { Type } from '@nestjs/common';
import { getMetadataStorage, type MetadataStorage } from 'class-validator';
import type { EventDefinition } from '../interfaces/event-definition.interface.js';
import type { AnyEventUpcaster } from '../interfaces/upcaster.interface.js';
import type { EventCatalog } from './event-catalog.js';

/** Options of {@link renderCatalogMarkdown}. */
export interface CatalogMarkdownOptions {
  /** The document's level-one heading. @default 'Event catalog' */
  title?: string;
  /**
   * The upcasters registered with the catalog (the `upcasters` option of `EventsModule.forRoot`). When given, every
   * type with more than one version lists each step between consecutive versions with the upcaster's description,
   * and marks a step no upcaster covers. @default none: the steps are not documented
   */
  upcasters?: readonly AnyEventUpcaster[];
}

/** One documented payload field. Nested classes contribute rows named `parent.child`. */
interface FieldDoc {
  readonly name: string;
  readonly type: string;
  readonly required: 'yes' | 'no' | 'conditional';
  readonly constraints: readonly string[];
}

// class-validator exports the storage but not the record type it holds.
type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/** Where definitions without a `domain` are listed; sorts after every named domain. */
const NO_DOMAIN = '(no domain)';

// Checks that only say what kind of value a field holds; the Type column already shows them.
const TYPE_ONLY = new Set(['isString', 'isNumber', 'isBoolean', 'isDate', 'isObject', 'isArray', 'isIn', 'isEnum', 'isOptional']);

// Constraint name to the TypeScript type a passing value must have. The string formats are listed so the type
// comes out the same whether or not `reflect-metadata` was loaded before the payload classes were declared.
const STRING_FORMATS = (
  'isAlpha isAlphanumeric isAscii isBase64 isBooleanString isDateString isDecimal isEmail isHexColor isISO31661Alpha2 ' +
  'isISO31661Alpha3 isISO4217CurrencyCode isIp isIso8601 isJwt isLength isLocale isLowercase isMobilePhone isMongoId ' +
  'isNumberString isPhoneNumber isPostalCode isSemVer isTimeZone isUppercase isUrl isUuid matches maxLength minLength'
).split(' ');
const TYPE_OF_CHECK: ReadonlyMap<string, string> = new Map([
  ['isString', 'string'],
  ['isInt', 'number'],
  ['isNumber', 'number'],
  ['isPositive', 'number'],
  ['isNegative', 'number'],
  ['isBoolean', 'boolean'],
  ['isDate', 'Date'],
  ['isObject', 'object'],
  ...STRING_FORMATS.map((name): [string, string] => [name, 'string']),
]);

const DESIGN_TYPES: ReadonlyMap<unknown, string> = new Map<unknown, string>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
  [Date, 'Date'],
  [Object, 'object'],
]);

/**
 * Renders a catalog as a markdown reference: a title, a table of contents grouped by domain, then one section per
 * type with one subsection per version (newest first), each with its description and a table of payload fields.
 * With the `upcasters` option, a type of several versions also lists its steps (`v1 → v2: what changed`).
 *
 * Field types and constraints come from class-validator metadata, with `design:type` as a fallback for fields
 * whose checks do not imply a type. Domains, types and versions are sorted and constraints are listed
 * alphabetically; fields keep their declaration order (fixed by the source, so still deterministic), which puts
 * identifiers first as authors write them. The same catalog therefore always renders the same bytes, which lets
 * a test compare a committed copy.
 *
 * Arrays of nested classes render as `object[]`: class-transformer keeps `@Type` metadata private, so the
 * element class is not discoverable.
 */
export function renderCatalogMarkdown(catalog: EventCatalog, options: CatalogMarkdownOptions = {}): string {
  const domains = groupByDomain(catalog);
  const typeCount = catalog.types().length;
  const domainCount = domains.size;
  const out: string[] = [
    `# ${options.title ?? 'Event catalog'}`,
    '',
    '<!-- Generated from the event catalog by renderCatalogMarkdown(); edit the payload classes, not this file. -->',
    '',
    `${typeCount} event type${typeCount === 1 ? '' : 's'} in ${domainCount} domain${domainCount === 1 ? '' : 's'}. ` +
      'Every event travels in the same envelope (`id`, `type`, `version`, `occurredAt`, `source`, `correlationId`, ' +
      '`causationId`, `data`, `metadata`); the tables below describe `data`, the payload.',
    '',
    '## Contents',
    '',
  ];
  for (const [domain, types] of domains) {
    out.push(`- [${domain}](#${domainAnchor(domain)})`);
    for (const type of types) {
      const versions = [...catalog.versions(type)].reverse().map((v) => `v${v}`);
      out.push(`  - [\`${type}\`](#${typeAnchor(type)}) (${versions.join(', ')})`);
    }
  }
  const steps = options.upcasters === undefined ? undefined : stepsByType(options.upcasters);
  for (const [domain, types] of domains) {
    out.push('', `<a id="${domainAnchor(domain)}"></a>`, '', `## ${domain}`);
    for (const type of types) out.push('', ...renderType(catalog, type, steps));
  }
  return `${out.join('\n')}\n`;
}

/** type → fromVersion → upcaster. The first of two upcasters for one step wins (`EventsModule` rejects the pair). */
function stepsByType(upcasters: readonly AnyEventUpcaster[]): Map<string, Map<number, AnyEventUpcaster>> {
  const byType = new Map<string, Map<number, AnyEventUpcaster>>();
  for (const upcaster of upcasters) {
    const byFrom = byType.get(upcaster.type) ?? new Map<number, AnyEventUpcaster>();
    if (!byFrom.has(upcaster.fromVersion)) byFrom.set(upcaster.fromVersion, upcaster);
    byType.set(upcaster.type, byFrom);
  }
  return byType;
}

function groupByDomain(catalog: EventCatalog): Map<string, string[]> {
  const byDomain = new Map<string, string[]>();
  for (const type of catalog.types()) {
    const domain = catalog.latest(type)?.domain || NO_DOMAIN;
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), type]);
  }
  const names = [...byDomain.keys()].sort((a, b) => Number(a === NO_DOMAIN) - Number(b === NO_DOMAIN) || byCodeUnit(a, b));
  return new Map(names.map((name) => [name, byDomain.get(name) ?? []]));
}

function renderType(catalog: EventCatalog, type: string, steps: Map<string, Map<number, AnyEventUpcaster>> | undefined): string[] {
  const out = [`<a id="${typeAnchor(type)}"></a>`, '', `### \`${type}\``];
  if (steps !== undefined && catalog.versions(type).length > 1) out.push('', ...renderSteps(catalog.versions(type), steps.get(type)));
  const versions = [...catalog.versions(type)].reverse();
  for (const version of versions) {
    const definition = catalog.get(type, version);
    if (definition) out.push('', ...renderVersion(definition, version === versions[0]));
  }
  return out;
}

/**
 * One line per step from each older version to the next, oldest first. Steps follow the version numbers (an upcaster
 * always joins n to n + 1), so a gap in the catalog's versions shows as a step without an upcaster.
 */
function renderSteps(versions: readonly number[], upcasters: ReadonlyMap<number, AnyEventUpcaster> | undefined): string[] {
  const out = ['Older events reach handlers upcast one step at a time, to the version each handler takes (the latest unless pinned):', ''];
  for (const version of versions.slice(0, -1)) {
    const upcaster = upcasters?.get(version);
    const step = `v${version} → v${version + 1}`;
    if (upcaster === undefined) {
      out.push(`- ${step}: **no upcaster**; handlers that take v${version + 1} or later fail bootstrap while v${version} is registered`);
    } else {
      out.push(`- ${step}: ${upcaster.description ? oneLine(upcaster.description) : '(no description)'}`);
    }
  }
  return out;
}

function renderVersion(definition: EventDefinition, latest: boolean): string[] {
  const out = [`#### Version ${definition.version}${latest ? ' (latest)' : ''}`, ''];
  if (definition.description) out.push(definition.description, '');
  out.push(`Payload class: \`${definition.payload.name}\``, '');
  const fields = describeFields(definition.payload);
  if (fields.length === 0) return [...out, 'No validated fields.'];
  out.push('| Field | Type | Required | Constraints |', '| --- | --- | --- | --- |');
  for (const field of fields) {
    const constraints = field.constraints.map((c) => `\`${cell(c)}\``).join(', ') || '-';
    out.push(`| \`${cell(field.name)}\` | \`${cell(field.type)}\` | ${field.required} | ${constraints} |`);
  }
  return out;
}

function describeFields(payload: Type, prefix = '', seen: ReadonlySet<Type> = new Set()): FieldDoc[] {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(payload, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  // Parent fields first, as a reader of the class hierarchy expects; the sort is stable within each class.
  for (const metadata of [...metadatas].sort((a, b) => inheritanceDepth(payload, b.target) - inheritanceDepth(payload, a.target))) {
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  // A class that contains itself would recurse forever; its inner appearance is documented by name only.
  const visited = new Set([...seen, payload]);
  const out: FieldDoc[] = [];
  for (const [property, list] of byProperty) {
    const designType: unknown = Reflect.getMetadata?.('design:type', payload.prototype, property);
    const field: FieldDoc = {
      name: prefix + property,
      type: fieldType(list, designType),
      required: list.some((m) => constraintName(m) === 'isOptional') ? 'no' : list.some(isConditional) ? 'conditional' : 'yes',
      constraints: [...new Set(list.filter((m) => !TYPE_ONLY.has(constraintName(m))).map(describeConstraint))].sort(),
    };
    out.push(field);
    if (isNestedClass(list, designType) && !visited.has(designType)) out.push(...describeFields(designType, `${field.name}.`, visited));
  }
  return out;
}

function inheritanceDepth(payload: Type, target: unknown): number {
  let depth = 0;
  for (let current: unknown = payload; typeof current === 'function' && current !== target; depth++) {
    current = Object.getPrototypeOf(current);
  }
  return depth;
}

function constraintName(metadata: ValidationMetadata): string {
  if (metadata.name) return metadata.name;
  switch (metadata.type) {
    case 'nestedValidation':
      return 'validateNested';
    case 'conditionalValidation':
      return 'validateIf';
    case 'promiseValidation':
      return 'validatePromise';
    case 'whitelistValidation':
      return 'allow';
    case 'customValidation':
      return (
        getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls)[0]?.name || metadata.constraintCls?.name || 'custom'
      );
    default:
      return metadata.type;
  }
}

const isConditional = (metadata: ValidationMetadata): boolean => metadata.type === 'conditionalValidation';

function isNestedClass(list: readonly ValidationMetadata[], designType: unknown): designType is Type {
  return (
    typeof designType === 'function' &&
    !DESIGN_TYPES.has(designType) &&
    designType !== Array &&
    list.some((m) => m.type === 'nestedValidation' && !m.each)
  );
}

function fieldType(list: readonly ValidationMetadata[], designType: unknown): string {
  const isArray = list.some((m) => constraintName(m) === 'isArray' && !m.each) || designType === Array;
  const own = list.filter((m) => Boolean(m.each) === isArray);
  const nested = own.some((m) => m.type === 'nestedValidation') ? 'object' : 'unknown';
  if (!isArray) return valueType(own) ?? designTypeName(designType) ?? nested;
  const element = valueType(own) ?? nested;
  return `${element.includes(' | ') ? `(${element})` : element}[]`;
}

function valueType(list: readonly ValidationMetadata[]): string | undefined {
  for (const metadata of list) {
    const name = constraintName(metadata);
    if (name === 'isIn') return literalUnion(metadata.constraints?.[0] as readonly unknown[]);
    if (name === 'isEnum') return literalUnion(enumValues(metadata.constraints?.[0]));
  }
  for (const metadata of list) {
    const type = TYPE_OF_CHECK.get(constraintName(metadata));
    if (type) return type;
  }
  return undefined;
}

function designTypeName(designType: unknown): string | undefined {
  if (designType === undefined) return undefined;
  if (designType === Array) return 'unknown[]';
  return DESIGN_TYPES.get(designType) ?? (typeof designType === 'function' && designType.name ? designType.name : undefined);
}

function enumValues(entity: unknown): unknown[] {
  if (entity === null || typeof entity !== 'object') return [];
  // Numeric TypeScript enums map values back to names; those reverse entries are not allowed values.
  return Object.entries(entity)
    .filter(([key]) => !/^\d+$/.test(key))
    .map(([, value]) => value);
}

function literalUnion(values: readonly unknown[] | undefined): string {
  if (!values?.length) return 'never';
  return values.map((value) => (typeof value === 'string' ? `'${value.replace(/'/g, "\\'")}'` : renderValue(value))).join(' | ');
}

function describeConstraint(metadata: ValidationMetadata): string {
  const args = (metadata.constraints ?? []).filter((arg) => arg !== undefined && typeof arg !== 'function');
  const rendered = args.length > 0 ? `(${args.map(renderValue).join(', ')})` : '';
  return `${constraintName(metadata)}${rendered}${metadata.each ? ' (each)' : ''}`;
}

function renderValue(value: unknown): string {
  if (value instanceof RegExp) return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => byCodeUnit(a, b));
    return `{ ${entries.map(([key, item]) => `${key}: ${renderValue(item)}`).join(', ')} }`;
  }
  return String(value);
}

// Not localeCompare: the order must not depend on the machine's locale, or the staleness check would flap.
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A list item ends at a line break. */
const oneLine = (text: string): string => text.replace(/\s*\r?\n\s*/g, ' ').trim();

/** Markdown tables end a cell at `|`, even inside code spans, and cannot hold line breaks. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

const typeAnchor = (type: string): string => `event-${type}`;

const domainAnchor = (domain: string): string =>
  `domain-${domain
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
