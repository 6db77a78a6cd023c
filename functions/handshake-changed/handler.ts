// Placeholder so that packaging works while the pipeline is being written; replaced by the real wiring.
export const handler = async (_event: unknown): Promise<void> => {};
