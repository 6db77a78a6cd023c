/** Keeps an event that failed permanently, with its classified error, for a person to inspect. */
export interface DeadLetterSink {
  keep(event: unknown, error: Error, functionName: string): Promise<void>;
}
