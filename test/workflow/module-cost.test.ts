/**
 * What a workflow makes the sandbox evaluate. The SDK's reusable sandbox keeps module state per
 * workflow: every module a workflow requires is evaluated again for each workflow it creates or
 * replays into its cache. A case that loaded zod and every program's schemas cost 1.74 MiB and
 * 15 ms of CPU per cached case (bench/RESULTS.md, "Worker memory"); these tests keep it from
 * coming back. The bundle is evaluated here as the SDK does it: modules loaded before any workflow
 * exists land in a shared cache, the rest in each workflow's own.
 */
import vm from 'node:vm';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowBundle } from '../support/stack';

interface Sandbox {
  /** Runs the bundle's `importWorkflows` as a new workflow does; answers the workflow module and the ids of the modules it evaluated for itself. */
  importAsWorkflow(): { exports: Record<string, unknown>; evaluated: string[] };
}

function loadBundle(code: string): Sandbox {
  const shared = new Map<string | symbol, unknown>();
  let own: Map<string | symbol, unknown> | undefined;
  const moduleCache = new Proxy(
    {},
    {
      get: (_, id) => shared.get(id) ?? own?.get(id),
      set: (_, id, value) => {
        (own ?? shared).set(id, value);
        return true;
      },
    },
  );
  expect(code).toContain('globalThis.__webpack_module_cache__'); // the SDK's contract with its bundler
  const context = vm.createContext({ __webpack_module_cache__: moduleCache, TextEncoder, TextDecoder, URL, AbortController });
  vm.runInContext(code, context);
  const entry = vm.runInContext('__TEMPORAL__', context) as { importWorkflows(): Record<string, unknown> };
  return {
    importAsWorkflow() {
      own = new Map();
      const exports = entry.importWorkflows();
      const evaluated = [...own.keys()].map(String);
      own = undefined;
      return { exports, evaluated };
    },
  };
}

const silent = new DefaultLogger('ERROR');

test("the worker's bundle evaluates no program's code until a workflow of that program runs", () => {
  const { exports, evaluated } = loadBundle(workflowBundle().code).importAsWorkflow();
  expect(typeof exports.assistanceCase).toBe('function');
  expect(evaluated).toEqual(['./programs/workflows.ts']);
});

test('a surgery case evaluates neither zod nor another program, and its own checked Update bodies only when one arrives', async () => {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../programs/surgery/workflow/assistance-case'), logger: silent });
  const { exports, evaluated } = loadBundle(code).importAsWorkflow();
  expect(typeof exports.assistanceCase).toBe('function');
  expect(evaluated).toContain('./programs/surgery/domain/case-state.ts');
  expect(evaluated.filter((id) => id.includes('/zod/') || /^\.\/programs\/(?!surgery\/)[^/]+\//.test(id) || id.endsWith('/update-schemas.ts'))).toEqual([]);
});

test.each([
  ['a subsidy enrolment', '../../programs/subsidy/workflow/subsidy-enrolment', 'subsidyEnrolment', './programs/subsidy/domain/enrolment-commands.ts'],
  ['a pairing', '../../programs/pairing/workflow/pairing', 'pairing', './programs/pairing/domain/commands.ts'],
])('%s evaluates neither zod nor another program, nor its Update bodies until one arrives', async (_, file, workflowType, ownCore) => {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve(file), logger: silent });
  const { exports, evaluated } = loadBundle(code).importAsWorkflow();
  expect(typeof exports[workflowType]).toBe('function');
  expect(evaluated).toContain(ownCore);
  const program = file.split('/')[3]!;
  const foreign = new RegExp(`^\\./programs/(?!${program}/)[^/]+/`);
  expect(evaluated.filter((id) => id.includes('/zod/') || foreign.test(id) || id.endsWith('/update-bodies.ts') || id.includes('/payroll/') || id.endsWith('/policy.schema.ts'))).toEqual([]);
});
