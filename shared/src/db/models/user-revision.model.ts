import { Schema, Types, type Connection, type Model } from 'mongoose';

/**
 * A user as it was before an import updated it, so the import can be undone. The `_id` is
 * `<importId>:<userId>`: writing it twice (a re-run) keeps the first, true "before", and FerretDB
 * can find it without a scan (it only pushes `_id` equality down).
 */
export interface UserRevisionDoc {
  _id: string;
  importId: Types.ObjectId;
  userId: Types.ObjectId;
  before: Record<string, unknown>;
  /** The updatedAt the import gave the user: if it has changed, someone changed the user since. */
  afterUpdatedAt: Date;
}

const userRevisionSchema = new Schema<UserRevisionDoc>({
  _id: { type: String, required: true },
  importId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  before: { type: Schema.Types.Mixed, required: true },
  afterUpdatedAt: { type: Date, required: true },
});
userRevisionSchema.index({ importId: 1 });

export const revisionId = (importId: Types.ObjectId | string, userId: Types.ObjectId | string) => `${importId}:${userId}`;

export function userRevisionModel(connection: Connection): Model<UserRevisionDoc> {
  return (connection.models.UserRevision as Model<UserRevisionDoc>) ?? connection.model<UserRevisionDoc>('UserRevision', userRevisionSchema);
}
