import type * as mongo from 'mongodb';

/** Adds `$push` clauses to an update, keeping any `$push` it already had on other fields. */
export function mergePush<T>(update: mongo.UpdateFilter<T>, push: Readonly<Record<string, unknown>>): mongo.UpdateFilter<T> {
  const existing: Record<string, unknown> = { ...(update.$push as Record<string, unknown> | undefined) };
  for (const field of Object.keys(push)) {
    if (field in existing) throw new Error(`mise à jour invalide : $push sur ${field} déjà présent`);
  }
  return { ...update, $push: { ...existing, ...push } } as mongo.UpdateFilter<T>;
}
