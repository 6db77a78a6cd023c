/**
 * A scenario or event file that cannot be played as written: the CLI prints its message (which
 * names the file, the field and what is expected) and exits with the misuse code.
 */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  constructor(
    message: string,
    /** One line per problem, each starting with the path of the field it is about. */
    readonly problems: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
