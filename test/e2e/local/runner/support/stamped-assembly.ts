import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceHash } from '../../../../../local/runner/source-hash';

/** The asset hash of the one function in the default template. */
export const ASSET = 'a'.repeat(64);

const ONE_FUNCTION = {
  Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: `${ASSET}.zip` } } } },
};

/**
 * A project folder (no CDK app in it) and a cloud assembly stamped as made from its sources with
 * `context`, holding `template` as the stack `Demo`: a start reads it as it is and never synthesizes.
 */
export function stampedAssembly(template: object = ONE_FUNCTION) {
  const root = mkdtempSync(join(tmpdir(), 'switchyard-assembly-'));
  mkdirSync(join(root, 'infra'));
  writeFileSync(join(root, 'infra', 'app.ts'), '// the app');
  const outdir = join(root, 'out');
  mkdirSync(join(outdir, `asset.${ASSET}`), { recursive: true });
  writeFileSync(
    join(outdir, 'manifest.json'),
    JSON.stringify({
      artifacts: {
        Demo: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Demo.template.json' } },
      },
    }),
  );
  const text = JSON.stringify(template);
  writeFileSync(join(outdir, 'Demo.template.json'), text);
  const context = { 'switchyard:webhookAllowedHosts': 'localhost' };
  const templateHash = createHash('sha256').update(text).digest('hex');
  writeFileSync(join(outdir, 'switchyard-source.sha256'), `${sourceHash(root, context)}\n${templateHash}\n`);
  return { root, outdir, context };
}
