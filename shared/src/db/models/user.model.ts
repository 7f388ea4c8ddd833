import { Schema, Types, type Connection, type InferSchemaType, type Model } from 'mongoose';

import { ROLES } from '../../rules/user-values.js';

export { ROLES, MODULE_FLAGS, type Role, type ModuleFlag } from '../../rules/user-values.js';

const userSchema = new Schema(
  {
    accountId: { type: Schema.Types.ObjectId, required: true },
    firstName: { type: String, required: true },
    lastName: { type: String, required: true },
    email: { type: String, required: true },
    /** Lower-cased email: the unique key (FerretDB has no case-insensitive collations). */
    emailLower: { type: String, required: true },
    /** E.164, or null when the person has no phone. */
    phone: { type: String, default: null },
    role: { type: String, enum: ROLES, required: true },
    teamIds: { type: [Schema.Types.ObjectId], default: [] },
    modules: {
      loneWorking: { type: Boolean, default: false },
      events: { type: Boolean, default: false },
      incidents: { type: Boolean, default: false },
      audits: { type: Boolean, default: false },
    },
    /** The import that created this user; lets a re-run recognise its own earlier writes. */
    createdByImportId: { type: Schema.Types.ObjectId, default: null },
    /** The import that created or last changed this user. */
    importId: { type: Schema.Types.ObjectId, default: null },
    /** The user's place in the account's list, in creation order (shared/src/db/list-pages.ts). */
    listSeq: { type: Number },
    /** `<accountId>:<listSeq / 64>`: the page of the list the user is on, read by equality. */
    listPage: { type: String },
  },
  { timestamps: true },
);
// Email is unique per account, compared case-insensitively: this index is what makes a crashed,
// retried or doubled import unable to create anyone twice.
userSchema.index({ accountId: 1, emailLower: 1 }, { unique: true });
// The users list, paged by _id: MongoDB answers it from this index. (FerretDB v1 cannot push a
// sort or limit down: it reads the account's users and sorts them itself; see the README.)
userSchema.index({ accountId: 1, _id: 1 });
// The users list, read one page of 64 by equality (FerretDB v1 answers equality from its GIN
// mirror of this index, but no sort or limit: see shared/src/db/list-pages.ts).
userSchema.index({ listPage: 1 });
// Listing and counting an import's users (results, undo).
userSchema.index({ importId: 1 });
userSchema.index({ createdByImportId: 1 });

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type UserModel = Model<InferSchemaType<typeof userSchema>>;

export function userModel(connection: Connection): UserModel {
  return connection.models.User ?? connection.model('User', userSchema);
}
