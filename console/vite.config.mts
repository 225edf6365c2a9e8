/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

// The console shares the API's zod schemas and money helpers (../domain) so that a form refuses
// exactly what the API refuses; vite may read those files outside its own root.
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@domain': fileURLToPath(new URL('../domain', import.meta.url)),
      '@surgery': fileURLToPath(new URL('../programs/surgery/domain', import.meta.url)),
      '@subsidy': fileURLToPath(new URL('../programs/subsidy/domain', import.meta.url)),
      // The enrolments' HTTP bodies: a form refuses what the API refuses (zod and the shared core only).
      '@subsidy-http': fileURLToPath(new URL('../programs/subsidy/api', import.meta.url)),
      // The pairings' HTTP bodies and terms: the official's forms refuse what the API refuses.
      '@pairing': fileURLToPath(new URL('../programs/pairing/domain', import.meta.url)),
      '@pairing-http': fileURLToPath(new URL('../programs/pairing/api', import.meta.url)),
      '@config': fileURLToPath(new URL('../config', import.meta.url)),
    },
  },
  server: {
    fs: { allow: [projectRoot] },
    proxy: {
      '/v1': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
      '/readyz': 'http://localhost:3000',
      '/openapi.json': 'http://localhost:3000',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 30_000,
    // One jsdom per worker, reused by the files it runs: building a fresh one and importing antd
    // again for each of 40 files cost more than their tests. Each test still starts clean
    // (src/test/setup.ts). Every core: the default leaves one idle, half of a two-core CI machine.
    isolate: false,
    maxWorkers: '100%',
  },
});
