/** The packaged template: how it is made (osls, offline, cached) and what the local stack and tests read from it. */
export * from './template/package-template';
export * from './template/read-template';
