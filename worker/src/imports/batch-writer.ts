import type { Types } from 'mongoose';
import type { ExistingPolicy, Models, RowResult } from '@muster/shared';
import { findExistingUsers } from './existing-users.js';
import { resolveRow, type RowAction } from './resolve-batch.js';
import { insertUsers, newUserDocument, updateUsers, userUpdate } from './user-writes.js';

/** Who a batch writes for: the import, its account, its policy for existing users and the email column's label. */
export interface BatchWriteTarget {
  models: Models;
  accountId: Types.ObjectId;
  importId: Types.ObjectId;
  existing: ExistingPolicy;
  emailLabel: string;
}

/** Writes a pass's batches, counting the users it creates (for the account's user-count hint). */
export class BatchWriter {
  /** Users created so far, counted as soon as they are inserted (a retried batch does not count them again). */
  created = 0;

  constructor(private readonly target: BatchWriteTarget) {}

  /** See {@link writeBatch}. */
  async write(actions: RowAction[]): Promise<void> {
    await writeBatch(this.target, actions, (n) => (this.created += n));
  }
}

/**
 * Writes one batch's decided rows: creates first, then updates. A create that lost a race to
 * another import (the unique index said the email exists now) is decided again against the user
 * that won, in `actions` itself, so the caller counts what really happened. Safe to repeat: a
 * second run recognises the users the first created (see resolveRow). `created` hears how many
 * users the inserts created, before the updates are written.
 */
export async function writeBatch(target: BatchWriteTarget, actions: RowAction[], created: (users: number) => void = () => undefined): Promise<void> {
  const { models, accountId, importId } = target;
  const now = new Date();
  const creates = actions.flatMap((a, i) => (a.kind === 'create' ? [{ i, fields: a.fields }] : []));
  const lost = await insertUsers(models, creates.map(({ fields }) => newUserDocument(fields, accountId, importId, now)));
  created(creates.length - lost.size);
  if (lost.size) {
    const again = [...lost].map((k) => creates[k]!);
    const nowExisting = await findExistingUsers(models, accountId, again.map(({ fields }) => fields.emailLower));
    for (const { i, fields } of again) {
      const result: RowResult = { fields, problems: [], warnings: [] };
      actions[i] = resolveRow(result, nowExisting.get(fields.emailLower), target.existing, importId, target.emailLabel);
    }
  }
  await updateUsers(
    models,
    importId,
    actions.flatMap((a) => (a.kind === 'update' && !a.alreadyDone ? [{ _id: a.userId, set: userUpdate(a.fields, importId, now) }] : [])),
  );
}
