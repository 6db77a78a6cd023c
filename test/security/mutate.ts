import type { CfnTemplate } from '../../shared/local/template';

/** A template whose resources a test may change (the packaged one is shared by every test: never touched). */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A deep copy of the template with one change made to it. */
export const mutated = (template: CfnTemplate, change: (resources: Json) => unknown): CfnTemplate => {
  const copy = structuredClone(template) as unknown as Json;
  change(copy.Resources as Json);
  return copy as unknown as CfnTemplate;
};

/** The statement `sid` of a role's (first) inline policy. */
export const statement = (resources: Json, roleId: string, sid: string): Json => {
  const found = (resources[roleId].Properties.Policies[0].PolicyDocument.Statement as Json[]).find(
    (candidate) => candidate.Sid === sid,
  );
  if (!found) throw new Error(`${roleId} has no statement ${sid}`);
  return found;
};

/** Adds a statement to a role's (first) inline policy. */
export const addStatement = (resources: Json, roleId: string, added: Json): void => {
  (resources[roleId].Properties.Policies[0].PolicyDocument.Statement as Json[]).push(added);
};
