import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

import { MODULES } from '../../rules/user-values.js';

export { MODULES, type ModuleId } from '../../rules/user-values.js';

const accountSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    modules: { type: [String], enum: MODULES, default: [] },
    /** ISO 3166 country used to read phone numbers written without +country code. */
    defaultCountry: { type: String, required: true, uppercase: true, minlength: 2, maxlength: 2 },
    /**
     * About how many users the account has: a hint for choosing how an import looks people up
     * (see worker/src/imports/existing-user-lookup.ts), kept by imports and undo, set exactly
     * whenever an import reads the whole account (accounts from before it have none until then).
     * Counting on FerretDB v1 reads every user.
     */
    userCount: { type: Number, default: 0 }, // a new account has nobody yet
    /**
     * About how many list pages of users have been handed out (see shared/src/db/list-pages.ts):
     * a hint where the next claim starts and where the users list need not check for more. It
     * may lag behind (FerretDB v1 loses concurrent updates of one document); the claims decide.
     */
    listPages: { type: Number },
    /**
     * True once every user of the account has a list page, so the users list can read it page by
     * page. New accounts start so; accounts from before list pages get it from the worker's
     * backfill (worker/src/jobs/backfill-list-pages.ts). Deliberately no default: Mongoose would
     * also show the default on older accounts loaded from the database.
     */
    listPagesReady: { type: Boolean },
  },
  { timestamps: true },
);
// A new account has no users, so every user it ever gets is written with a list page.
accountSchema.pre('save', function () {
  if (this.isNew && this.listPagesReady === undefined) this.listPagesReady = true;
});

export type AccountDoc = InferSchemaType<typeof accountSchema> & { _id: import('mongoose').Types.ObjectId };
export type AccountModel = Model<InferSchemaType<typeof accountSchema>>;

export function accountModel(connection: Connection): AccountModel {
  return connection.models.Account ?? connection.model('Account', accountSchema);
}
