import {
  getFromContainer,
  getMetadataStorage,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUppercase,
  Max,
  MaxLength,
  Min,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

/**
 * A cheap test that is enough for one built-in rule to pass: `true` means class-validator's validator accepts the
 * value too; `false` only means "ask the validator". It never decides a failure, so it can skip work, not change it.
 */
export type ValidatorShortcut = (value: unknown) => boolean;

type ShortcutFactory = (constraints: readonly unknown[]) => ValidatorShortcut | undefined;

const isNumber = (value: unknown): value is number => typeof value === 'number';

// By class-validator's constraint names; each is the validator's own test, or a sufficient part of it.
const FACTORIES: Readonly<Record<string, ShortcutFactory>> = {
  isString: () => (value) => typeof value === 'string',
  isNotEmpty: () => (value) => value !== '' && value !== null && value !== undefined,
  isBoolean: () => (value) => typeof value === 'boolean',
  isInt: () => (value) => typeof value === 'number' && Number.isInteger(value),
  isDate: () => (value) => value instanceof Date && !Number.isNaN(value.getTime()),
  min: ([bound]) => (isNumber(bound) ? (value) => typeof value === 'number' && value >= bound : undefined),
  max: ([bound]) => (isNumber(bound) ? (value) => typeof value === 'number' && value <= bound : undefined),
  // validator.js counts a surrogate pair or a variation selector as one character, so its length is at most
  // `value.length`: a string no longer than the bound passes without the two regular expressions it runs.
  maxLength: ([bound]) => (isNumber(bound) ? (value) => typeof value === 'string' && value.length <= bound : undefined),
  isUppercase: () => (value) => typeof value === 'string' && value === value.toUpperCase(),
  // Strict equality, like class-validator's `some(p => p === value)`; `includes` would accept NaN.
  isIn: ([allowed]) => (Array.isArray(allowed) ? (value) => allowed.indexOf(value) !== -1 : undefined),
};

// class-validator's own decorators on a private class, declared once per process: the message of each is what a
// rule must give to be taken for the built-in of its name (see `shortcutFor`). Never validated, never changed.
class BuiltIns {}
const BUILT_INS: Readonly<Record<string, PropertyDecorator>> = {
  isString: IsString(),
  isNotEmpty: IsNotEmpty(),
  isBoolean: IsBoolean(),
  isInt: IsInt(),
  isDate: IsDate(),
  min: Min(0),
  max: Max(0),
  maxLength: MaxLength(0),
  isUppercase: IsUppercase(),
  isIn: IsIn([]),
};
for (const [name, decorate] of Object.entries(BUILT_INS)) decorate(BuiltIns.prototype, name);

/** The default message of class-validator's own validator named `name`, as `args` would render it. */
function builtInMessage(name: string, args: ValidationArguments): unknown {
  const storage = getMetadataStorage();
  const metadata = storage
    .getTargetValidationMetadatas(BuiltIns, undefined as unknown as string, false, false, undefined)
    .find((m) => m.propertyName === name);
  const [constraint] = metadata === undefined ? [] : storage.getTargetValidatorConstraints(metadata.constraintCls);
  const instance = constraint && (getFromContainer(constraint.target) as ValidatorConstraintInterface);
  return instance?.defaultMessage?.(args);
}

// Values that exercise every shortcut's edges; see `shortcutFor`.
const PROBES: readonly unknown[] = [
  '',
  'a',
  'A',
  'abc',
  'ABC',
  'x'.repeat(300),
  '👍',
  '\u00df',
  0,
  1,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  null,
  undefined,
  new Date(0),
  new Date(Number.NaN),
  {},
  [],
];

/**
 * The shortcut for a rule of one class-validator constraint named `name`, or `undefined`. A custom decorator may
 * reuse a built-in's name with other rules, so a shortcut is kept only when the rule's validator has the built-in's
 * default message and accepts every probe (and every allowed value of `isIn`) that the shortcut accepts.
 */
export function shortcutFor(
  name: string | undefined,
  constraints: readonly unknown[] | undefined,
  validator: ValidatorConstraintInterface,
  args: Omit<ValidationArguments, 'value'>,
): ValidatorShortcut | undefined {
  const factory = name === undefined || !Object.hasOwn(FACTORIES, name) ? undefined : FACTORIES[name];
  const shortcut = factory?.(constraints ?? []);
  if (name === undefined || shortcut === undefined) return undefined;
  const message = validator.defaultMessage?.({ ...args, value: undefined });
  if (message === undefined || message !== builtInMessage(name, { ...args, value: undefined })) return undefined;
  const allowed = name === 'isIn' && Array.isArray(constraints?.[0]) ? (constraints[0] as unknown[]) : [];
  const agrees = [...PROBES, ...allowed].every((value) => !shortcut(value) || validator.validate(value, { ...args, value }) === true);
  return agrees ? shortcut : undefined;
}
