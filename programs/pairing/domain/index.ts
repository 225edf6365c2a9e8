/** The pairing program's pure core: what the workflow, the projection and the API import. */
export * from './commands';
export * from './glossary';
export * from './pairing';
