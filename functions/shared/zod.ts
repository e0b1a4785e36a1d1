import { config } from 'zod/mini';
import { en } from 'zod/v4/locales';

/**
 * The functions' zod: `zod/mini`, whose functional API lets esbuild drop what a schema does not
 * use, with the English messages `zod` gives, so validation errors read the same. Schemas import
 * it as `import * as z from '../shared/zod'`, so the messages are configured before any schema
 * parses; a re-export (not a namespace object) keeps tree shaking working.
 */
config(en());

export * from 'zod/mini';
