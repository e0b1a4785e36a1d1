#!/usr/bin/env node
// `npm run scenarios`: the scenario suite against the local cloud or a deployed stack, compiled (see entry-points.cjs).
require('./entry-points.cjs').launch('scenarios');
