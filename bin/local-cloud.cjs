#!/usr/bin/env node
// `npm start`: the local cloud, compiled (see entry-points.cjs).
require('./entry-points.cjs').launch('local-cloud');
