import { findPackageManifest } from '../../common/package-manifest';
import { openApiDocument } from './openapi-document';

/** `npm run openapi`: prints the ingest API's OpenAPI document (docs/openapi.json is this output). */
process.stdout.write(
  `${JSON.stringify(openApiDocument(findPackageManifest(__dirname)?.version ?? '0.0.0'), null, 2)}\n`,
);
