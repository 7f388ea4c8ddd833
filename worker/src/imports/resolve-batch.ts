import type { Types } from 'mongoose';
import type { ExistingPolicy } from '@muster/shared';
import type { ExistingUser } from './existing-users.js';
import type { RowProblem, RowResult, UserFields } from '@muster/shared';
import { problemsText } from '@muster/shared/rules/problem-sentence';

/** What happens to one checked row, given who already exists. */
export type RowAction =
  | { kind: 'error'; problems: RowProblem[] }
  | { kind: 'create'; fields: UserFields }
  | { kind: 'update'; fields: UserFields; userId: Types.ObjectId; alreadyDone: boolean }
  | { kind: 'skip' }
  /** This import created the user on an earlier attempt: count it, write nothing. */
  | { kind: 'created-before' };

const EXISTS_MESSAGE = 'belongs to a user who already exists; remove the row, or choose to update existing users';

/**
 * Decides a row's action from its check result, the account's existing user with that email (if
 * any) and the import's policy. Pure, so both passes and a re-run decide alike; recognising the
 * import's own earlier writes is what makes a re-run write nobody twice.
 */
export function resolveRow(
  result: RowResult,
  existing: ExistingUser | undefined,
  policy: ExistingPolicy,
  importId: Types.ObjectId,
  emailLabel: string,
): RowAction {
  let problems = result.problems;
  const ours = existing?.createdByImportId?.equals(importId) ?? false;
  // A blank required cell only matters for a new person: an update keeps the current value, and a
  // skipped row is not written at all.
  if (existing && !ours && policy !== 'fail') problems = problems.filter((p) => !p.blankRequired);
  if (existing && !ours && policy === 'fail') {
    problems = [...problems, { column: emailLabel, message: EXISTS_MESSAGE, summary: EXISTS_MESSAGE }];
  }
  if (problems.length || !result.fields) return { kind: 'error', problems };
  if (!existing) return { kind: 'create', fields: result.fields };
  if (ours) return { kind: 'created-before' };
  if (policy === 'skip') return { kind: 'skip' };
  return { kind: 'update', fields: result.fields, userId: existing._id, alreadyDone: existing.importId?.equals(importId) ?? false };
}

/** The error log's `error` cell: every problem of the row as a sentence naming its column. */
export const errorText = (problems: RowProblem[]) => problemsText(problems);
