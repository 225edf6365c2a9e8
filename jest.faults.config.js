// The fault suite (`npm run test:faults`): crashes, restarts, outages and hostile clients against
// real processes and servers. Minutes long, so kept out of `npm test`; `.ci/run` runs both.
const base = require('./jest.config');

// The API's dependencies that ship only ES modules and that the base config does not transform yet
// (content-disposition 3, under @fastify/static): fault tests build the API in-process.
const moreEsmOnly = ['content-disposition'];
const transformIgnorePatterns = base.transformIgnorePatterns.map((pattern) => pattern.replace('(?!(', `(?!(${moreEsmOnly.join('|')}|`));

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.fault.ts'],
  transformIgnorePatterns,
  // Each scenario mostly waits (timeouts, outages, retries): a few run side by side.
  maxWorkers: 3,
  testTimeout: 300_000,
  // Some scenarios kill processes on purpose; say which files are slow instead of failing on it.
  slowTestThreshold: 120,
};
