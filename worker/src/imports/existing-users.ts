import { Types } from 'mongoose';
import { mapAtOnce, type Models } from '@muster/shared';

export interface ExistingUser {
  _id: Types.ObjectId;
  emailLower: string;
  createdByImportId: Types.ObjectId | null;
  importId: Types.ObjectId | null;
}

const PROJECTION = { projection: { emailLower: 1, createdByImportId: 1, importId: 1 } };

const ID_BYTES = 12;
const SLOT_BYTES = 3 * ID_BYTES; // _id, createdByImportId, importId
const NO_CREATED_BY = 1;
const NO_IMPORT = 2;

/**
 * The account's users by lower-cased email, kept compactly: the three ids as bytes in one growing
 * buffer instead of three ObjectId objects per user. Measured on 100,000 users: a Map of the
 * driver's documents holds about 515 bytes per user; this about a quarter of that (mostly the
 * email string and its Map entry), which is what lets an account with a million users be read
 * within the worker's heap limit. Ids become ObjectIds again only for the rows that ask.
 */
export class ExistingUsers {
  private readonly byEmail = new Map<string, number>();
  private ids = Buffer.alloc(SLOT_BYTES * 1024);
  private flags = new Uint8Array(1024);

  get size(): number {
    return this.byEmail.size;
  }

  add(user: ExistingUser): void {
    const slot = this.byEmail.size;
    if ((slot + 1) * SLOT_BYTES > this.ids.length) {
      const ids = Buffer.alloc(this.ids.length * 2);
      this.ids.copy(ids);
      this.ids = ids;
      const flags = new Uint8Array(this.flags.length * 2);
      flags.set(this.flags);
      this.flags = flags;
    }
    const at = slot * SLOT_BYTES;
    user._id.id.forEach((b, i) => (this.ids[at + i] = b));
    if (user.createdByImportId) user.createdByImportId.id.forEach((b, i) => (this.ids[at + ID_BYTES + i] = b));
    if (user.importId) user.importId.id.forEach((b, i) => (this.ids[at + 2 * ID_BYTES + i] = b));
    this.flags[slot] = (user.createdByImportId ? 0 : NO_CREATED_BY) | (user.importId ? 0 : NO_IMPORT);
    this.byEmail.set(user.emailLower, slot);
  }

  get(emailLower: string): ExistingUser | undefined {
    const slot = this.byEmail.get(emailLower);
    if (slot === undefined) return undefined;
    const at = slot * SLOT_BYTES;
    const id = (offset: number) => new Types.ObjectId(Buffer.from(this.ids.subarray(at + offset, at + offset + ID_BYTES)));
    const flags = this.flags[slot]!;
    return {
      _id: id(0),
      emailLower,
      createdByImportId: flags & NO_CREATED_BY ? null : id(ID_BYTES),
      importId: flags & NO_IMPORT ? null : id(2 * ID_BYTES),
    };
  }
}

/**
 * Every user of the account, read once per pass with one cursor: a range scan of the unique index
 * on MongoDB, the mirrored `accountId` index on FerretDB (see existing-user-lookup.ts for when).
 */
export async function loadExistingUsers(models: Models, accountId: Types.ObjectId): Promise<ExistingUsers> {
  const users = new ExistingUsers();
  const cursor = models.User.collection.find({ accountId }, { ...PROJECTION, batchSize: 5000 });
  for await (const user of cursor) users.add(user as unknown as ExistingUser);
  return users;
}

/** Equality lookups in flight at once (see mapAtOnce). */
const LOOKUPS_AT_ONCE = 8;

/**
 * The account's users with these emails, one equality query each: FerretDB answers each from an
 * index in a millisecond or two but reads every user of the account for an `$in`.
 */
export async function findExistingUsers(models: Models, accountId: Types.ObjectId, emailsLower: string[]): Promise<Map<string, ExistingUser>> {
  const unique = [...new Set(emailsLower)];
  const users = await mapAtOnce(unique, LOOKUPS_AT_ONCE, (emailLower) => models.User.collection.findOne({ accountId, emailLower }, PROJECTION));
  return new Map(users.flatMap((u) => (u ? [[u.emailLower as string, u as unknown as ExistingUser] as const] : [])));
}
