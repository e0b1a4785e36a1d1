// Import boundaries of the project, checked by `npm run lint`
// (depcruise --config .dependency-cruiser.cjs functions infra local cli event-patterns common bench scenarios console).
// Each rule says why it exists; a path is relative to the project root.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'A cycle makes the order in which modules initialize matter and ties both sides together: neither ' +
        'can be understood, tested or moved alone. Type-only imports count (tsPreCompilationDeps): they ' +
        'couple the modules just the same.',
      severity: 'error',
      from: { path: '^(functions|infra|local|cli|event-patterns|common|bench|scenarios|console)/' },
      to: { circular: true },
    },
    {
      name: 'cli-not-to-local',
      comment:
        'The operator CLI talks to AWS (or to the local cloud) through the SDK only: the emulator is a ' +
        'development tool and must not become a production dependency of the CLI.',
      severity: 'error',
      from: { path: '^cli/' },
      to: { path: '^(local|console)/' },
    },
    {
      name: 'functions-not-to-tooling',
      comment:
        'Lambda handlers are bundled and deployed on their own: they may not pull in the emulator, the ' +
        'CLI, the CDK app or the benchmarks, which would end up in (or break) the function bundles.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^(local|cli|infra|bench|console)/' },
    },
    {
      name: 'local-not-to-cli-infra-bench',
      comment:
        'The local cloud emulates AWS services from what it receives (requests, the synthesized template); ' +
        'it reads neither the CDK constructs nor the CLI, and benchmarks measure it, not the other way round.',
      severity: 'error',
      from: { path: '^local/' },
      to: { path: '^(cli|infra|bench)/' },
    },
    {
      name: 'event-patterns-self-contained',
      comment:
        "The pattern engine is EventBridge's pattern language alone, shared by the local EventBridge and " +
        'the CLI: it must not depend on either of them, nor on the functions or the stack.',
      severity: 'error',
      from: { path: '^event-patterns/' },
      to: { path: '^(local|cli|functions|infra)/' },
    },
    {
      name: 'local-eventbridge-via-pattern-engine',
      comment:
        'Inside the local cloud the pattern engine is reached through local/eventbridge/pattern-engine.ts, ' +
        "which turns the engine's EventPatternError into the InvalidEventPatternException EventBridge " +
        'answers; a direct import would let an invalid pattern surface as an InternalException.',
      severity: 'error',
      from: { path: '^local/', pathNot: '^local/eventbridge/pattern-engine\\.ts$' },
      to: { path: '^event-patterns/' },
    },
    {
      name: 'common-imports-nothing-of-ours',
      comment:
        'common/ holds what every part shares (functions, stack, local cloud, CLI, pattern engine); ' +
        'if it imported any of them, every part would load that part through it.',
      severity: 'error',
      from: { path: '^common/' },
      to: { path: '^(functions|infra|local|cli|event-patterns|bench|test|scenarios|console)/' },
    },
    {
      name: 'local-services-through-their-index',
      comment:
        "One local service reaches another only through the other's index.ts, its public surface, so " +
        'a service can reshape its insides without breaking its neighbours (platform/ and template/ ' +
        'helpers are shared modules, not services).',
      severity: 'error',
      from: { path: '^local/([^/]+)/' },
      to: {
        path: '^local/(sqs|eventbridge|lambda|apigateway|cloudwatch|dynamodb|endpoint|runner)/',
        pathNot: ['^local/[^/]+/index\\.ts$', '^local/$1/'],
      },
    },
    {
      name: 'local-reaches-the-console-from-npm-start-only',
      comment:
        'The web console is an add-on of `npm start`: its composition root (local/runner/main.ts) starts it ' +
        "through the runner's AddOnStarter option. Nothing else of the local cloud may know it, so the " +
        'cloud runs (in tests, benchmarks, local:services) without it.',
      severity: 'error',
      from: { path: '^local/', pathNot: '^local/runner/main\\.ts$' },
      to: { path: '^console/' },
    },
    {
      name: 'console-uses-cli-operations-not-commands',
      comment:
        "The console does what the CLI does by calling the CLI's operations (cli/operations/), the same " +
        'library code; the command layer (cli/commands/) parses argv and prints, which a web page must not reuse.',
      severity: 'error',
      from: { path: '^console/' },
      to: { path: '^cli/(commands|output)/' },
    },
    {
      name: 'console-ui-is-a-browser-bundle',
      comment:
        'The front end runs in the browser: it may import its npm packages, the API types ' +
        '(console/api-types.ts, type-only), common/is-record.ts and common/error-summary.ts, never server code, the SDK-using CLI or the local cloud, ' +
        'which would end up in (or break) the bundle.',
      severity: 'error',
      from: { path: '^console/ui/' },
      to: {
        path: '^(functions|infra|local|cli|event-patterns|common|bench|scenarios|console/server)/',
        // Plain functions with no Node.js API, shared rather than copied into the bundle.
        pathNot: '^common/(is-record|error-summary)\\.ts$',
      },
    },
    {
      name: 'console-ui-api-types-only',
      comment: 'The API contract is shared as types; its values would mean server code in the bundle.',
      severity: 'error',
      from: { path: '^console/ui/' },
      to: { path: '^console/api-types\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'infra-not-to-local-cli',
      comment:
        'The CDK stack describes what is deployed to AWS; the emulator and the CLI consume it (the ' +
        'synthesized template, the shared names in infra/), never the other way round.',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^(local|cli)/' },
    },
    {
      name: 'scenarios-are-a-client',
      comment:
        'The scenario suite checks a deployed stack (or the local cloud) as a client would: over HTTP, with ' +
        'signed requests, against docs/openapi.json. Importing the emulator, the CLI, the stack or handler ' +
        'code would let it pass on what it shares with the system rather than on what the system answers. ' +
        'It may use common/, and functions/api-contract/ for types only (erased at compile time).',
      severity: 'error',
      from: { path: '^scenarios/' },
      to: { path: '^(local|cli|infra|bench|event-patterns|functions)/', pathNot: '^functions/api-contract/' },
    },
    {
      name: 'scenarios-use-the-api-contract-for-types-only',
      comment:
        "The API contract's types name what the answers are; its values (zod schemas) are the functions' " +
        'validation code. Bodies are checked against the published OpenAPI document instead.',
      severity: 'error',
      from: { path: '^scenarios/' },
      to: { path: '^functions/api-contract/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'test-only-from-test',
      comment:
        'Test code is not part of what is built or shipped: nothing outside test/ may import it. The ' +
        'benchmarks are the one exception, below.',
      severity: 'error',
      from: { pathNot: '^(test|bench)/' },
      to: { path: '^test/' },
    },
    {
      name: 'bench-only-to-test-clients',
      comment:
        "The benchmarks drive the local cloud's API and its console like the end-to-end tests do and reuse " +
        'their clients (the SigV4 client, the console session) instead of copies; nothing else of test/.',
      severity: 'error',
      from: { path: '^bench/' },
      to: {
        path: '^test/',
        pathNot: [
          '^test/e2e/local/runner/support/signed-api\\.ts$',
          '^test/e2e/console/support/console-session\\.ts$',
        ],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too (they are erased at compile time, not in the design).
    tsPreCompilationDeps: true,
    // Resolve imports as the TypeScript compiler does.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
