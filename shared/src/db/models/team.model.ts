import { Schema, Types, type Connection, type InferSchemaType, type Model } from 'mongoose';

const teamSchema = new Schema(
  {
    accountId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    /** Lower-cased name: FerretDB has no collations, so case-insensitive uniqueness is a field. */
    nameLower: { type: String, required: true },
  },
  { timestamps: true },
);
// A team name is unique per account, compared case-insensitively.
teamSchema.index({ accountId: 1, nameLower: 1 }, { unique: true });

export type TeamDoc = InferSchemaType<typeof teamSchema> & { _id: Types.ObjectId };
export type TeamModel = Model<InferSchemaType<typeof teamSchema>>;

export function teamModel(connection: Connection): TeamModel {
  return connection.models.Team ?? connection.model('Team', teamSchema);
}
