// The fault suite (`npm run test:faults`): crashes, restarts, outages and hostile clients against
// real processes and servers. Minutes long, so kept out of `npm test`; `.ci/run` runs both.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.fault.ts'],
  // Each scenario mostly waits (timeouts, outages, retries): a few run side by side.
  maxWorkers: 3,
  testTimeout: 300_000,
  // Some scenarios kill processes on purpose; say which files are slow instead of failing on it.
  slowTestThreshold: 120,
};
