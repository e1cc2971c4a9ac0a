import { Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { allNotTrueMessage, allWithFiltersMessage, emptySelectionMessage } from '../events-admin.messages.js';
import { DeadLetterFilterDto, FILTER_FIELDS } from './dead-letter-filter.dto.js';

/** Why a selection body cannot be used, or undefined when it can. */
function selectionProblem(all: unknown, body: object): string | undefined {
  const filtered = FILTER_FIELDS.some((field) => (body as Record<string, unknown>)[field] != null);
  if (all == null) return filtered ? undefined : emptySelectionMessage();
  if (all !== true) return allNotTrueMessage();
  return filtered ? allWithFiltersMessage() : undefined;
}

/** Checks the body as a whole: a filter or `all: true`, not neither and not both. */
@ValidatorConstraint({ name: 'deadLetterSelection' })
class DeadLetterSelectionConstraint implements ValidatorConstraintInterface {
  validate(all: unknown, args: ValidationArguments): boolean {
    return selectionProblem(all, args.object) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return selectionProblem(args.value, args.object) ?? '';
  }
}

/**
 * Body of `POST dead-letters/reprocess` and `POST dead-letters/purge`. Needs at least one filter field, or
 * `all: true` alone, so that an empty or mistyped body cannot act on every dead letter.
 */
export class DeadLetterSelectionDto extends DeadLetterFilterDto {
  /** Selects every dead letter. Must be the only field when sent. */
  // Not @IsOptional(): the rule must also run when `all` is absent, which is the empty-body case it exists for.
  @Validate(DeadLetterSelectionConstraint)
  all?: true;
}
