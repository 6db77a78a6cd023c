import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { detailTypes } from '../../shared/domain/published-events';
import { defineSubjectType } from '../../shared/domain/subjects/subject-type';
import { publishing } from '../support/pipeline';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import { register } from '../../shared/use-cases/pipeline/read-subjects';
import { inMemoryWorld } from '../support/pipeline';

/** A subject type the pipeline has never heard of: a declaration, a reader and a schema, nothing else. */
interface Widget {
  readonly id: string;
  readonly state: 'DRAFT' | 'LIVE' | 'RETIRED';
  readonly colour: string;
}
const widgetType = defineSubjectType<Widget>({
  kind: 'widget',
  idPattern: /^w-\d{3}$/,
  states: ['DRAFT', 'LIVE', 'RETIRED'],
  canMove: (from, to) =>
    (({ DRAFT: ['LIVE', 'RETIRED'], LIVE: ['RETIRED'], RETIRED: [] }) as Record<string, string[]>)[from]?.includes(
      to,
    ) ?? false,
  isFinal: (state) => state === 'RETIRED',
  whenMissing: () => ({ notFound: true }),
  published: {
    // A stable detail-type of the public list (the test cannot add one to it).
    detailType: detailTypes.macieMemberStateChanged,
    field: 'widget',
    schema: z.object({ id: z.string(), colour: z.string() }),
    describe: ({ id, colour }) => ({ id, colour }),
    resources: (widget) => [`arn:test:widget/${widget.id}`],
  },
});

describe('a subject type declared only in a test', () => {
  it('runs through the whole pipeline: observation, snapshot, history, published event, duplicates', async () => {
    // Prepare
    const world = await inMemoryWorld();
    const widgets = new Map<string, Widget>([['w-001', { id: 'w-001', state: 'DRAFT', colour: 'red' }]]);
    const observe = observeSubjects(
      world.deps(
        world.store,
        publishing(() => world.publisher),
        [register(widgetType, (id) => Promise.resolve(widgets.get(id)))],
      ),
    );
    const cause = (eventId: string) => ({
      eventId,
      eventName: 'WidgetChanged',
      source: 'test.widgets',
      eventTime: '2026-11-02T10:00:00Z',
    });
    // Act
    await observe({ cause: cause('w-e1'), subjects: [{ kind: 'widget', id: 'w-001' }], remainingMs: 30_000 });
    widgets.set('w-001', { id: 'w-001', state: 'LIVE', colour: 'red' });
    world.clock.advance(1000);
    await observe({ cause: cause('w-e2'), subjects: [{ kind: 'widget', id: 'w-001' }], remainingMs: 30_000 });
    await observe({ cause: cause('w-e2'), subjects: [{ kind: 'widget', id: 'w-001' }], remainingMs: 30_000 });
    // Assess
    expect(await world.store.getSnapshot('widget:w-001')).toMatchObject({
      kind: 'widget',
      state: 'LIVE',
      version: 2,
      data: { colour: 'red' },
    });
    expect((await world.store.listHistory('widget:w-001')).map((t) => `${t.from}->${t.to}`)).toEqual([
      'null->DRAFT',
      'DRAFT->LIVE',
    ]);
    expect(
      world.publisher.published.map((e) => ({
        key: e.detail.key,
        before: e.detail.before,
        after: e.detail.after,
        widget: e.detail.widget,
        resources: e.resources,
      })),
    ).toEqual([
      {
        key: 'widget:w-001@v1',
        before: null,
        after: 'DRAFT',
        widget: { id: 'w-001', colour: 'red' },
        resources: ['arn:test:widget/w-001'],
      },
      {
        key: 'widget:w-001@v2',
        before: 'DRAFT',
        after: 'LIVE',
        widget: { id: 'w-001', colour: 'red' },
        resources: ['arn:test:widget/w-001'],
      },
    ]);
  });

  it('refuses an id that does not match the declared pattern, before reading', async () => {
    const world = await inMemoryWorld();
    let reads = 0;
    const observe = observeSubjects(
      world.deps(
        world.store,
        publishing(() => world.publisher),
        [
          register(widgetType, () => {
            reads++;
            return Promise.resolve(undefined);
          }),
        ],
      ),
    );
    await expect(
      observe({
        cause: { eventId: 'x', eventName: 'X', source: 'test' },
        subjects: [{ kind: 'widget', id: 'w-1; drop table' }],
        remainingMs: 30_000,
      }),
    ).rejects.toThrow('does not match');
    expect(reads).toBe(0);
  });
});
