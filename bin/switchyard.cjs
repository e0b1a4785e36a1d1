#!/usr/bin/env node
// The `switchyard` operator CLI. The sources are TypeScript; tsx compiles them on load, so there
// is no build step between a change and an operator running it.
require('tsx/cjs');
require('../cli/main.ts');
