import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { Violation } from '../interfaces/violation.interface.js';

// Unknown fields are contract drift: report them rather than strip them (stripping would mutate a frozen payload).
const OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

/**
 * Validates a payload instance with class-validator and flattens the error tree into dotted paths. A required field
 * that is absent is one `isDefined` violation, "x is required", rather than every rule it would have broken.
 */
export function payloadViolations(payload: object, rootPath = 'data'): Violation[] {
  const errors = validateSync(payload, OPTIONS);
  if (errors.length === 0) return errors as [];
  const out: Violation[] = [];
  flatten(errors, rootPath, payload, out);
  return out;
}

function flatten(errors: readonly ValidationError[], prefix: string, holder: unknown, out: Violation[]): void {
  for (const error of errors) {
    const path = `${prefix}.${error.property}`;
    // The validation error carries no value (it is left out so payload data never reaches messages), so read it here.
    const value = holder !== null && typeof holder === 'object' ? (holder as Record<string, unknown>)[error.property] : undefined;
    // A field whose only problem is being unknown (whitelist) is absent by definition; report it as class-validator does.
    if (value === undefined && !isWhitelistOnly(error)) {
      out.push({ path, constraint: 'isDefined', message: `${error.property} is required` });
      continue;
    }
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({ path, constraint, message });
    }
    if (error.children?.length) flatten(error.children, path, value, out);
  }
}

const isWhitelistOnly = (error: ValidationError): boolean => {
  const constraints = Object.keys(error.constraints ?? {});
  return constraints.length === 1 && constraints[0] === 'whitelistValidation';
};
