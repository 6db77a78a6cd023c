import { MalformedEventError } from '../../domain/errors';
import type { SubjectData, SubjectType } from '../../domain/subjects/subject-type';

/** Re-reads one subject by its id within its kind; `undefined` when the service does not know it. */
export type SubjectReader<D extends SubjectData = SubjectData> = (id: string) => Promise<D | undefined>;

/** A subject type with the reader that re-reads it. */
export interface RegisteredSubject<D extends SubjectData = SubjectData> {
  readonly type: SubjectType<D>;
  readonly read: SubjectReader<D>;
}

/** The subject types a function knows, by kind. Built once in the composition root. */
export interface SubjectRegistry {
  typeOf(kind: string): SubjectType;
  entryOf(kind: string): RegisteredSubject;
  readonly kinds: readonly string[];
}

/** Binds each declared subject type to its reader: `registry(register(handshakeType, read), …)`. */
export const register = <D extends SubjectData>(type: SubjectType<D>, read: SubjectReader<D>): RegisteredSubject => ({
  type,
  read,
});

export const subjectRegistry = (...entries: readonly RegisteredSubject[]): SubjectRegistry => {
  const byKind = new Map(entries.map((entry) => [entry.type.kind, entry]));
  const entryOf = (kind: string): RegisteredSubject => {
    const entry = byKind.get(kind);
    if (!entry) throw new MalformedEventError(`no subject type ${JSON.stringify(kind.slice(0, 40))} here`);
    return entry;
  };
  return { entryOf, typeOf: (kind) => entryOf(kind).type, kinds: [...byKind.keys()] };
};
