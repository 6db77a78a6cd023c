import { shapeOf, type ServiceModel } from '../model/service-model';

/** A value AWS shows that the service model does not list: what an enum value added after the model looks like. */
export interface UnmodeledValue {
  /** The resource it describes: a handshake, transfer or account id; a membership id; a member's account id. */
  readonly id: string;
  /**
   * The enum member of the answer, as the model names it: `State`, `Status`, `membershipStatus`, `relationshipStatus`.
   */
  readonly member: string;
  readonly value: string;
}

/**
 * A test hook: AWS adds enum values without notice (handshake action `TRANSFER_RESPONSIBILITY`,
 * Macie's `RegionDisabled`), and orgwarden must record them rather than refuse them. While a value is
 * shown, every answer of the emulator that describes the resource (an object whose id member names
 * it and that has the member) carries the value instead of the world's own; the world itself is left
 * as it is, so that a real change afterwards (a call, time) works as usual once the value is hidden.
 *
 * The emulators validate their answers against the model: exactly the values shown here, in the
 * enum shapes of their member, are let through; every other enum violation is still an emulator bug.
 */
export class UnmodeledValues {
  private readonly shown: UnmodeledValue[] = [];

  /**
   * @param model - the service model whose enums the values are outside of
   * @param idMembers - the members that name a resource in the answers (`Id`; `membershipId`, `accountId`)
   */
  constructor(
    private readonly model: ServiceModel,
    private readonly idMembers: readonly string[],
  ) {}

  /**
   * Shows `value` for the resource's `member` until hidden; refuses a member that is no enum, or a value the model
   * lists.
   */
  show(value: UnmodeledValue): void {
    const shapes = this.enumShapesOf(value.member);
    if (shapes.length === 0)
      throw new RangeError(`${value.member} is not an enum member of any structure of the model`);
    if (shapes.some((shape) => shapeOf(this.model, shape).enum?.includes(value.value)))
      throw new RangeError(`${value.value} is a value the model lists for ${value.member}: not an unmodeled one`);
    this.hide(value.id, value.member);
    this.shown.push(value);
  }

  /** Hides what is shown for the resource (one member, or all of them): the world's own values show again. */
  hide(id: string, member?: string): void {
    for (let i = this.shown.length - 1; i >= 0; i--) {
      const shown = this.shown[i]!;
      if (shown.id === id && (member === undefined || shown.member === member)) this.shown.splice(i, 1);
    }
  }

  /** Puts the shown values into an answer (its wire form, before it is validated). */
  apply(answer: unknown): void {
    if (this.shown.length === 0) return;
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (typeof value !== 'object' || value === null || value instanceof Date || value instanceof Uint8Array) return;
      const record = value as Record<string, unknown>;
      for (const shown of this.shown) {
        if (shown.member in record && this.idMembers.some((idMember) => record[idMember] === shown.id))
          record[shown.member] = shown.value;
      }
      Object.values(record).forEach(visit);
    };
    visit(answer);
  }

  /** The values the answers may carry beyond their enum shapes: exactly those shown, by enum shape. */
  allowed(): ReadonlyMap<string, ReadonlySet<string>> {
    const allowed = new Map<string, Set<string>>();
    for (const shown of this.shown) {
      for (const shape of this.enumShapesOf(shown.member))
        allowed.set(shape, new Set([...(allowed.get(shape) ?? []), shown.value]));
    }
    return allowed;
  }

  private enumShapesOf(member: string): string[] {
    const shapes = new Set<string>();
    for (const shape of Object.values(this.model.shapes)) {
      const ref = shape.type === 'structure' ? shape.members?.[member] : undefined;
      if (ref && shapeOf(this.model, ref.shape).enum) shapes.add(ref.shape);
    }
    return [...shapes];
  }
}
