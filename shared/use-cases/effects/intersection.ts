/** `A | B` → `A & B`: what a list of declarations that each need some ports needs in all. */
export type Intersection<U> = (U extends unknown ? (from: U) => void : never) extends (from: infer I) => void
  ? I
  : never;
