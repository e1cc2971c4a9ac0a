import type { Type } from '@nestjs/common';
import {
  getFromContainer,
  getMetadataStorage,
  ValidationTypes,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { Violation } from '../interfaces/violation.interface.js';
import { payloadViolations } from './payload.validator.js';
import { shortcutFor, type ValidatorShortcut } from './validator-shortcut.util.js';

/**
 * A payload validator compiled once for one payload class. It returns exactly what `payloadViolations` returns
 * for the same payload: a valid payload gets a shared frozen empty array, and anything else is handed to
 * `payloadViolations`, so messages, order and constraint names are class-validator's own.
 */
export interface CompiledPayloadValidator {
  /**
   * @param payload an instance of the compiled class, as `toPayloadInstance` makes it. Anything else (a plain
   * object, a subclass instance) is legal but always takes the slow path, because class-validator picks the
   * rules from `payload.constructor`.
   * @param rootPath passed through to `payloadViolations`. @default 'data'
   * @returns no violations as a frozen empty array shared by every call: never mutate the result.
   */
  (payload: object, rootPath?: string): readonly Violation[];
  /** Whether the class runs on the fast path; `false` means every call is plain `payloadViolations`. */
  readonly fastPath: boolean;
  /** Why the class is not on the fast path, for a startup log line; `undefined` when it is. */
  readonly slowPathReason: string | undefined;
}

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];
type Condition = (object: object, value: unknown) => unknown;

/** One custom-validation (or `isDefined`) metadata, with its constraint instances resolved once. */
interface Rule {
  readonly property: string;
  readonly constraints: unknown[];
  readonly each: boolean;
  readonly validateIf: Condition | undefined;
  readonly validators: readonly ValidatorConstraintInterface[];
  /** Enough for the rule to pass without calling its validator; see `shortcutFor`. */
  readonly shortcut: ValidatorShortcut | undefined;
}

/** Every rule of one property, in class-validator's metadata order. */
interface PropertyPlan {
  readonly name: string;
  readonly conditions: readonly Condition[];
  readonly rules: readonly Rule[];
}

interface Plan {
  readonly targetName: string;
  readonly allowed: ReadonlySet<string>;
  readonly properties: readonly PropertyPlan[];
}

const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);

/**
 * Compiles the class-validator rules of `payloadClass` into a validator that is exactly as strict as
 * `payloadViolations` (whitelist, forbidNonWhitelisted, forbidUnknownValues) but skips class-validator's
 * per-call work: the metadata scan over every decorated class, the error objects, the closures.
 *
 * Only a valid payload is decided here. The first failed rule, an unknown key or a foreign constructor hands
 * the payload to `payloadViolations`, which then produces the report. A class is compiled only when every
 * piece of its metadata is understood (synchronous custom and built-in validators, with or without `each`
 * and `validateIf`, `IsDefined`, `IsOptional`, `ValidateIf`); anything else, such as `ValidateNested`,
 * `Allow`, async validators, validation groups or `always`, makes the returned function plain `payloadViolations`.
 *
 * Compile after the class and its validator constraints are declared (importing them is enough), and call
 * this once per class: the result holds no mutable state, so cache it per catalog rather than globally.
 * Constraint instances are resolved once through class-validator's container, so a container installed
 * with `useContainer` later is not seen; class-validator resolves them on every call.
 */
export function compilePayloadValidator(payloadClass: Type<object>): CompiledPayloadValidator {
  const compiled = compilePlan(payloadClass);
  if (typeof compiled === 'string') {
    const slow = (payload: object, rootPath?: string): readonly Violation[] => payloadViolations(payload, rootPath);
    return Object.assign(slow, { fastPath: false, slowPathReason: `${payloadClass.name}: ${compiled}` });
  }
  const { targetName, allowed, properties } = compiled;
  const validate = (payload: object, rootPath?: string): readonly Violation[] => {
    // class-validator selects rules by `payload.constructor`; any other constructor gets other rules.
    if (payload.constructor !== payloadClass) return payloadViolations(payload, rootPath);
    const record = payload as Record<string, unknown>;
    // for-in visits a superset of Object.keys (it adds inherited enumerable keys), so no unknown own key escapes.
    for (const key in record) if (!allowed.has(key)) return payloadViolations(payload, rootPath);
    for (let p = 0; p < properties.length; p++) {
      const property = properties[p];
      const value = record[property.name];
      if (!conditionsHold(property.conditions, payload, value)) continue;
      const rules = property.rules;
      for (let r = 0; r < rules.length; r++) {
        if (!rulePasses(rules[r], targetName, payload, value)) return payloadViolations(payload, rootPath);
      }
    }
    return NO_VIOLATIONS;
  };
  return Object.assign(validate, { fastPath: true, slowPathReason: undefined });
}

/** Reads the class's metadata into a plan, or says why the class must stay on class-validator. */
function compilePlan(payloadClass: Type<object>): Plan | string {
  const storage = getMetadataStorage();
  // The same arguments validateSync passes when called without a schema, groups, `always` or `strictGroups`.
  const metadatas = storage.getTargetValidationMetadatas(payloadClass, undefined as unknown as string, false, false, undefined);
  // forbidUnknownValues: a class without metadata fails with `unknownValue`, which only class-validator words.
  if (metadatas.length === 0) return 'no class-validator metadata';
  const byProperty = new Map<string, { conditions: Condition[]; rules: Rule[] }>();
  for (const metadata of metadatas) {
    const property: unknown = metadata.propertyName;
    // class-validator groups rules in a plain object: symbol keys are never validated and names such as
    // `constructor` or `__proto__` collide with Object.prototype, so leave those classes to it.
    if (typeof property !== 'string' || property in Object.prototype) return `property ${String(property)} cannot be compiled`;
    if (metadata.groups?.length || metadata.always !== undefined) return `${property} uses validation groups or \`always\``;
    const entry = byProperty.get(property) ?? { conditions: [], rules: [] };
    byProperty.set(property, entry);
    const problem = addMetadata(storage, metadata, payloadClass.name, property, entry);
    if (problem !== undefined) return `${property}: ${problem}`;
  }
  const properties: PropertyPlan[] = [...byProperty].map(([name, { conditions, rules }]) => ({ name, conditions, rules }));
  return { targetName: payloadClass.name, allowed: new Set(byProperty.keys()), properties };
}

/** Adds one metadata to its property's plan; returns a reason when the metadata is not understood. */
function addMetadata(
  storage: ReturnType<typeof getMetadataStorage>,
  metadata: ValidationMetadata,
  targetName: string,
  property: string,
  entry: { conditions: Condition[]; rules: Rule[] },
): string | undefined {
  switch (metadata.type) {
    case ValidationTypes.CONDITIONAL_VALIDATION: {
      // IsOptional and ValidateIf: class-validator calls constraints[0](object, value); `each` plays no part.
      const condition: unknown = metadata.constraints?.[0];
      if (typeof condition !== 'function') return 'a conditional validation without a condition function';
      entry.conditions.push(condition as Condition);
      return undefined;
    }
    case ValidationTypes.CUSTOM_VALIDATION:
    case ValidationTypes.IS_DEFINED: {
      const validators: ValidatorConstraintInterface[] = [];
      for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
        // validateSync skips async constraints altogether; keep that quirk in class-validator's hands.
        if (constraint.async) return `${constraint.name} is an async validator`;
        // The same lookup as class-validator's `ConstraintMetadata.instance`, done once instead of per call.
        const instance = getFromContainer(constraint.target) as ValidatorConstraintInterface | undefined;
        if (typeof instance?.validate !== 'function') return `${constraint.name} has no validate method`;
        validators.push(instance);
      }
      const each = metadata.each === true;
      const only = validators.length === 1 && !each ? validators[0] : undefined;
      const probeArgs = { targetName, property, object: {}, constraints: metadata.constraints };
      const shortcut = only && shortcutFor(metadata.name, metadata.constraints, only, probeArgs);
      entry.rules.push({ property, constraints: metadata.constraints, each, validateIf: metadata.validateIf, validators, shortcut });
      return undefined;
    }
    default:
      // nestedValidation, promiseValidation, whitelistValidation (Allow) and anything newer.
      return `${metadata.type} is not compiled`;
  }
}

/** IsOptional/ValidateIf: every condition is evaluated, like class-validator's map-then-reduce. */
function conditionsHold(conditions: readonly Condition[], object: object, value: unknown): boolean {
  let hold = true;
  for (let i = 0; i < conditions.length; i++) if (!conditions[i](object, value)) hold = false;
  return hold;
}

/**
 * Whether one metadata's validators accept the value. Returning false only sends the payload to the slow path,
 * so `false` may be conservative; `true` must never be wrong.
 */
function rulePasses(rule: Rule, targetName: string, object: object, value: unknown): boolean {
  if (rule.validateIf !== undefined && !rule.validateIf(object, value)) return true;
  if (rule.shortcut !== undefined && rule.shortcut(value)) return true;
  const validators = rule.validators;
  for (let v = 0; v < validators.length; v++) {
    // A fresh object per constraint, as class-validator builds it: validators may keep or change their arguments.
    const args: ValidationArguments = { targetName, property: rule.property, object, value, constraints: rule.constraints };
    if (!rule.each || !isCollection(value)) {
      // Under validateSync a returned promise is never awaited, so it counts as a pass there too.
      if (!validators[v].validate(value, args)) return false;
    } else if (!everyItemPasses(validators[v], value, args)) return false;
  }
  return true;
}

function isCollection(value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> {
  return Array.isArray(value) || value instanceof Set || value instanceof Map;
}

/**
 * `each`: class-validator validates every item (Map values, Set entries, array elements) with the whole value's
 * arguments. Its `Array.prototype.map` skips holes, hence the `in` check.
 */
function everyItemPasses(
  validator: ValidatorConstraintInterface,
  value: unknown[] | Set<unknown> | Map<unknown, unknown>,
  args: ValidationArguments,
): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (i in value && !validator.validate(value[i], args)) return false;
    return true;
  }
  for (const item of value.values()) if (!validator.validate(item, args)) return false;
  return true;
}
