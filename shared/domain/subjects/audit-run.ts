import * as z from 'zod/mini';
import { detailTypes } from '../detail-types';
import { defineSubjectType } from './subject-type';

/** One source's part of an audit run: what was listed, what was stored, what differed. */
export interface AuditSourceReport {
  readonly kind: string;
  /** The part of the kind the source read (the Region of Macie members); absent: the whole kind. */
  readonly scope?: string;
  /** Subjects the service listed. */
  readonly listed: number;
  /** Subjects orgwarden had stored of the kind. */
  readonly stored: number;
  /** Subjects fed to the pipeline: new, different, or stored but no longer listed. */
  readonly fed: number;
  /** Of those, the changes recorded (or planned, on a dry run). */
  readonly changed: number;
  /** Stored subjects the (complete) listing no longer had. */
  readonly gone: number;
  /**
   * Of the changes, the state moves an event should have announced in a healthy deployment (the
   * subject type's `announcedByEvents`): an event lost on the way (the trail, a rule, a forwarder).
   * Absent in runs recorded before it was counted; 0 on the first import (a baseline).
   */
  readonly unannounced?: number;
  readonly complete: boolean;
  readonly calls: number;
  readonly error?: string;
}

/** An audit run's report: the run record, and the detail of `Audit Completed`. */
export interface AuditRunData {
  readonly id: string;
  readonly state: 'COMPLETE' | 'PARTIAL';
  /** The first audit of a fresh table: it recorded every subject as a baseline, announcing none. */
  readonly import: boolean;
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly sources: readonly AuditSourceReport[];
  /** Changes recorded over all sources. */
  readonly findings: number;
  /** Of those, the ones an event should have announced (the sources' `unannounced`). */
  readonly unannounced?: number;
  /** AWS calls the listings made. */
  readonly calls: number;
}

const source = z.object({
  kind: z.string(),
  scope: z.optional(z.string()),
  listed: z.number(),
  stored: z.number(),
  fed: z.number(),
  changed: z.number(),
  gone: z.number(),
  unannounced: z.optional(z.number()),
  complete: z.boolean(),
  calls: z.number(),
  error: z.optional(z.string()),
});

/** Audit runs (`audit-run:<run id>`): one record per run, announced as `Audit Completed`. */
export const auditRunType = defineSubjectType<AuditRunData>({
  kind: 'audit-run',
  idPattern: /^[0-9A-Za-z][0-9A-Za-z._:-]{0,63}$/,
  states: ['COMPLETE', 'PARTIAL'],
  canMove: () => true,
  isFinal: () => false,
  whenMissing: () => ({ notFound: true }),
  published: {
    detailType: detailTypes.auditCompleted,
    field: 'audit',
    schema: z.object({
      id: z.string(),
      import: z.boolean(),
      startedAt: z.string(),
      finishedAt: z.string(),
      durationMs: z.number(),
      sources: z.array(source),
      findings: z.number(),
      unannounced: z.optional(z.number()),
      calls: z.number(),
    }),
    describe: ({ state: _state, dryRun: _dryRun, ...report }) => ({
      ...report,
      sources: report.sources.map((s) => ({ ...s })),
    }),
    resources: () => [],
  },
});
