import document from '../../docs/openapi.json';

/** The parts of an OpenAPI 3.1 document the response validator reads. */
export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, unknown>> };
}

/**
 * The committed contract of the HTTP API (`npm run openapi` writes it). Bundled into the entry
 * point, whose launcher rebuilds it when the document changes, so a run checks a deployed stack
 * against the contract of the commit it runs from.
 */
export const API_CONTRACT: OpenApiDocument = document as OpenApiDocument;
