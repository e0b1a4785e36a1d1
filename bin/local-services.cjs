#!/usr/bin/env node
// `npm run local:services`: the local AWS endpoint alone, compiled (see entry-points.cjs).
require('./entry-points.cjs').launch('local-services');
