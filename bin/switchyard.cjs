#!/usr/bin/env node
// The `switchyard` operator CLI, compiled (see entry-points.cjs).
require('./entry-points.cjs').launch('switchyard');
