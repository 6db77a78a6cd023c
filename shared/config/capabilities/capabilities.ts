import type { AdapterName } from '../../adapters/permissions';
import type { AnyEffect, EffectDeps } from '../../use-cases/effects/effect';
import type { AnyReaders, ReaderDeps } from '../readers';

/**
 * What one function may do, listed once: the subject types it re-reads (with their readers), the
 * effects it carries out, and the other adapters it uses. Its executor table, its subject registry,
 * its role's IAM actions (shared/config/role-policies.cjs, in the packaged template) and
 * `functionNeeds` are all derived from this list: adding an effect here is all it takes to run it
 * and to be allowed to.
 */
export interface Capabilities<
  R extends readonly AnyReaders[] = readonly AnyReaders[],
  E extends readonly AnyEffect[] = readonly AnyEffect[],
> {
  readonly readers: R;
  readonly effects: E;
  /** The adapters it uses besides its readers (the store, the dead letters, listings…). */
  readonly adapters: readonly AdapterName[];
}

/** Declares a function's capabilities (keeps the lists' element types for {@link PortsOf}). */
export const capabilities = <const R extends readonly AnyReaders[], const E extends readonly AnyEffect[]>(
  listed: Capabilities<R, E>,
): Capabilities<R, E> => listed;

/** The ports a function composes its readers and effects with. */
export type PortsOf<C extends Capabilities> = ReaderDeps<C['readers']> & EffectDeps<C['effects']>;
