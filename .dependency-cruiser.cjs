// Import rules of secmatrix (ARCHITECTURE.md): layers by role, families and clients kept apart.
// `npm run lint` runs it; CI runs `npm run lint`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles (type-only imports included): a circle means two modules are one.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-no-family',
      severity: 'error',
      comment: 'harness/core is shared by every system: it never imports a system family.',
      from: { path: '^harness/core/' },
      to: { path: '^harness/(hazelcast|cql)/' },
    },
    {
      name: 'core-imports-no-client',
      severity: 'error',
      comment: 'harness/core knows clients only through the driver contract (harness/clients/driver.ts).',
      from: { path: '^harness/core/' },
      to: { path: '^harness/clients/', pathNot: '^harness/clients/(driver|error-map)\\.ts$' },
    },
    {
      name: 'reference-member-is-a-room-of-its-own',
      severity: 'error',
      comment: 'The reference member imports nothing outside itself but pki types and harness/core/util.',
      from: { path: '^harness/hazelcast/reference-member/' },
      to: {
        path: '^(harness|pki|reports|suites|matrices|test)/',
        pathNot: ['^harness/hazelcast/reference-member/', '^pki/types\\.ts$', '^harness/core/util/'],
      },
    },
    {
      name: 'only-the-entry-point-enters-the-reference-member',
      severity: 'error',
      comment: 'Outside code enters the reference member through its public entry point (index.ts) only.',
      from: { path: '^(harness|reports|suites)/', pathNot: '^harness/hazelcast/reference-member/' },
      to: { path: '^harness/hazelcast/reference-member/', pathNot: '^harness/hazelcast/reference-member/index\\.ts$' },
    },
    {
      name: 'clients-import-no-family-internals',
      severity: 'error',
      comment: "A client driver does not reach into a family's targets, services, render or reference member.",
      from: { path: '^harness/clients/' },
      to: { path: '^harness/[^/]+/(targets|services|render|reference-member|oracle)/', pathNot: '^harness/core/' },
    },
    {
      name: 'families-stay-apart',
      severity: 'error',
      comment: 'One system family does not import another.',
      from: { path: '^harness/(hazelcast)/' },
      to: { path: '^harness/(cql)/' },
    },
    {
      name: 'cql-family-stays-apart',
      severity: 'error',
      from: { path: '^harness/(cql)/' },
      to: { path: '^harness/(hazelcast)/' },
    },
    {
      name: 'util-is-the-bottom',
      severity: 'error',
      comment: 'harness/core/util and pki import nothing of the harness above them.',
      from: { path: '^(harness/core/util|pki)/' },
      to: { path: '^(harness|reports|suites)/', pathNot: '^harness/core/util/' },
    },
    {
      name: 'plan-is-below-oracle-suite-run',
      severity: 'error',
      comment: 'The plan (cells, expansion, planner) does not import the oracle, the suite or the run.',
      from: { path: '^harness/core/plan/' },
      to: { path: '^(harness/core/(oracle|suite|run|containers|services)|harness/clients|reports)/' },
    },
    {
      name: 'oracle-is-below-suite-run',
      severity: 'error',
      from: { path: '^harness/core/oracle/' },
      to: { path: '^(harness/core/(suite|run|containers|services)|harness/clients|reports)/' },
    },
    {
      name: 'reports-are-below-the-run',
      severity: 'error',
      comment: 'Report writers read results (plan types, util); the run calls them, never the other way round.',
      from: { path: '^reports/' },
      to: { path: '^(harness/core/(oracle|suite|run|containers|services)|harness/clients|harness/hazelcast|harness/cql|harness/cli|suites)/' },
    },
    {
      name: 'suite-is-below-the-run',
      severity: 'error',
      comment: 'The suite fixtures do not import the run or the report writers (the run writes reports).',
      from: { path: '^harness/core/suite/' },
      to: { path: '^(harness/core/run|reports|harness/cli)/' },
    },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      from: { path: '^(harness|reports|suites|pki)/', pathNot: '^harness/cli/' },
      to: { path: '^harness/cli/' },
    },
    {
      name: 'nothing-imports-tests',
      severity: 'error',
      from: { path: '^(harness|reports|suites|pki)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|reports/out|\\.secmatrix-cache)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.mjs', '.js', '.json'],
    },
  },
};
