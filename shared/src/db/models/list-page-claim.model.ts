import { Schema, type Connection, type Model, type mongo, type Types } from 'mongoose';

/**
 * One page of an account's users list, handed to one writer. The `_id` is the page's key
 * (`<accountId>:<page>`), so the unique `_id` decides who gets a page: that holds on FerretDB v1,
 * whose `$inc` and `findOneAndUpdate` are not atomic (40 concurrent `$inc` of one counter left it
 * at 1 or 2, measured), and on MongoDB alike.
 */
export interface ListPageClaimDoc {
  _id: string;
  accountId: Types.ObjectId;
  claimedAt: Date;
}

const listPageClaimSchema = new Schema<ListPageClaimDoc>(
  {
    _id: { type: String, required: true },
    accountId: { type: Schema.Types.ObjectId, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'user_list_pages', versionKey: false },
);

export type ListPageClaimModel = Model<ListPageClaimDoc>;

export function listPageClaimModel(connection: Connection): ListPageClaimModel {
  return (connection.models.ListPageClaim as ListPageClaimModel | undefined) ?? connection.model<ListPageClaimDoc>('ListPageClaim', listPageClaimSchema);
}

/** The claims as the driver's collection, typed by their string `_id`. */
export function listPageClaims(model: ListPageClaimModel): mongo.Collection<ListPageClaimDoc> {
  return model.collection as unknown as mongo.Collection<ListPageClaimDoc>;
}
