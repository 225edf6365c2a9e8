// The import rules that keep the layers apart, checked by `npm run lint`.
//
// Bottom to top:
//   domain/                        pure vocabulary every program shares
//   programs/<p>/domain/           a program's pure core
//   config/, codec/, temporal/     settings, payload encryption, the Temporal client (may read the pure vocabularies)
//   store/                         shared tables and the migration chain
//   http/                          the HTTP edge's kit (problems, schemas, plugins, auth)
//   programs/<p>/{store,activities,workflow,api}/
//   programs/*.ts                  what joins the programs (the worker's workflow bundle, the catalogue)
//   api/, worker/                  the two processes
//   bin/, dev/                     command-line entry points and the development stack
// A layer imports only from layers below it; a program imports no other program; the shared
// kit (domain/, store/, http/) knows no program at all, so a new program is added without
// touching it.

const PRODUCT = '^(domain|programs|config|codec|temporal|store|http|api|worker|bin|dev)/';
const PROGRAM_EDGES = '^programs/[^/]+/(store|activities|workflow|api)/';
// programs/program-entry.ts is not a join: it is the shape every program fills in, below them all;
// nor are programs/event-journal.ts and programs/drained.ts, the workflow journal every program's
// workflow uses and the wait before its run ends, nor programs/tracked-activity.ts, the count of an
// item's failing activities that programs' activities keep for the stuck radar.
const PROGRAMS_JOINED = '^programs/(?!(program-entry|event-journal|drained|tracked-activity)[.]ts$)[^/]+[.]ts$';
const PROCESSES = '^(api|worker)/';
const ENTRY_POINTS = '^(bin|dev)/';

/** Imports that break a rule today and are being removed by work in progress elsewhere. */
const TEMPORARY_EXCEPTIONS = [];

/** Cycles inside one program's core, left to the program's authors to untie. */
const TEMPORARY_CYCLES = [
  // A life event's decision and the commands' decision share their context and result types in a
  // loop (type imports only, so nothing depends on load order); one types file would untie it.
  '^programs/subsidy/domain/enrolment-(commands|life-events)[.]ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes the load order matter and hides which module is the lower one.',
      severity: 'error',
      from: { pathNot: TEMPORARY_CYCLES },
      to: { circular: true },
    },
    {
      name: 'product-not-on-tests',
      comment: 'Product code runs without the tests and benchmarks beside it.',
      severity: 'error',
      from: { path: PRODUCT },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'domain-is-the-floor',
      comment: 'The shared vocabulary is pure and below everything else.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: PRODUCT, pathNot: '^domain/' },
    },
    {
      name: 'program-domain-is-pure',
      comment: "A program's core knows the shared vocabulary and nothing with I/O or edges.",
      severity: 'error',
      from: { path: '^programs/[^/]+/domain/' },
      to: { path: `^(config|codec|temporal|store|http|api|worker|bin|dev)/|${PROGRAM_EDGES}|${PROGRAMS_JOINED}` },
    },
    {
      name: 'config-and-codec-are-low',
      comment: 'Settings, the payload codec and the Temporal client are read by every layer above the pure cores.',
      severity: 'error',
      from: { path: '^(config|codec|temporal)/' },
      to: { path: `^(store|http|api|worker|bin|dev)/|${PROGRAM_EDGES}|${PROGRAMS_JOINED}` },
    },
    {
      name: 'shared-kit-knows-no-program',
      comment: 'domain/, store/ and http/ serve every program; what is particular to one lives in it.',
      severity: 'error',
      from: { path: '^(domain|store|http)/', pathNot: TEMPORARY_EXCEPTIONS },
      to: { path: '^programs/' },
    },
    {
      name: 'store-below-http',
      severity: 'error',
      from: { path: '^store/' },
      to: { path: `^(http|api|worker|bin|dev)/` },
    },
    {
      name: 'http-below-programs',
      severity: 'error',
      from: { path: '^http/' },
      to: { path: `^(api|worker|bin|dev)/` },
    },
    {
      name: 'programs-below-processes',
      comment: 'A program is assembled by the processes, never the other way round.',
      severity: 'error',
      from: { path: '^programs/' },
      to: { path: `^(api|worker|bin|dev)/` },
    },
    {
      name: 'programs-stand-alone',
      comment: 'A program imports no other program; what they share lives in domain/, store/ or http/.',
      severity: 'error',
      from: { path: '^programs/([^/]+)/' },
      to: { path: '^programs/[^/]+/', pathNot: '^programs/$1/' },
    },
    {
      name: 'program-parts-below-the-joins',
      severity: 'error',
      from: { path: '^programs/[^/]+/' },
      to: { path: PROGRAMS_JOINED },
    },
    {
      name: 'workflow-is-deterministic',
      comment: 'Workflow code replays in a sandbox: no database, no HTTP kit, no settings read at run time.',
      severity: 'error',
      from: { path: '^programs/[^/]+/workflow/' },
      to: { path: '^(store|http|config|codec|temporal)/|^programs/[^/]+/(store|api)/' },
    },
    {
      name: 'workflow-reaches-activities-as-types',
      comment: 'Activities run in the worker; a workflow calls them through proxyActivities.',
      severity: 'error',
      from: { path: '^programs/[^/]+/workflow/' },
      to: { path: '^programs/[^/]+/activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'processes-below-entry-points',
      severity: 'error',
      from: { path: PROCESSES },
      to: { path: ENTRY_POINTS },
    },
    {
      name: 'product-not-on-dev-tools',
      comment: 'The development stack starts the product; the product does not need it.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: '^(dev|bin)/' },
      to: { path: '^dev/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|console|[.]data|[.]tools)/' },
    // Type-only imports count: a type from a higher layer ties the lower one to it all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
