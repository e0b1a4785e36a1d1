#!/usr/bin/env node
// `npm run openapi`: prints the ingest API's OpenAPI document, compiled (see entry-points.cjs).
require('./entry-points.cjs').launch('openapi');
