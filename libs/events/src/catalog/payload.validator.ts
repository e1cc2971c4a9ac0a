import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { Violation } from '../interfaces/violation.interface.js';

// Unknown fields are contract drift: report them rather than strip them (stripping would mutate a frozen payload).
const OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

/** Validates a payload instance with class-validator and flattens the error tree into dotted paths. */
export function payloadViolations(payload: object, rootPath = 'data'): Violation[] {
  const errors = validateSync(payload, OPTIONS);
  if (errors.length === 0) return errors as [];
  const out: Violation[] = [];
  flatten(errors, rootPath, out);
  return out;
}

function flatten(errors: readonly ValidationError[], prefix: string, out: Violation[]): void {
  for (const error of errors) {
    const path = `${prefix}.${error.property}`;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({ path, constraint, message });
    }
    if (error.children?.length) flatten(error.children, path, out);
  }
}
