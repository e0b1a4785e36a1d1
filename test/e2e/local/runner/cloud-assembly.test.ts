import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCloudAssembly, SynthesisError } from '../../../../local/runner';
import { sourceHash } from '../../../../local/runner/source-hash';

jest.setTimeout(120_000);

const ASSET = 'a'.repeat(64);

/** A project folder (no CDK app in it) and an assembly stamped as made from its sources. */
const fixture = () => {
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
  const template = JSON.stringify({
    Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: `${ASSET}.zip` } } } },
  });
  writeFileSync(join(outdir, 'Demo.template.json'), template);
  const context = { 'switchyard:webhookAllowedHosts': 'localhost' };
  const templateHash = createHash('sha256').update(template).digest('hex');
  writeFileSync(join(outdir, 'switchyard-source.sha256'), `${sourceHash(root, context)}\n${templateHash}\n`);
  return { root, outdir, context };
};

describe('the cloud assembly', () => {
  it('should reuse an assembly made from the same sources and context, and find function assets', async () => {
    // Arrange
    const { root, outdir, context } = fixture();

    try {
      // Act
      const assembly = await loadCloudAssembly({ projectRoot: root, outdir, context });

      // Assert
      expect(assembly).toMatchObject({ synthesized: false, stackName: 'Demo' });
      expect(assembly.assetDir('Fn')).toBe(join(outdir, `asset.${ASSET}`));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.each([
    ['a source file changed', (root: string) => writeFileSync(join(root, 'infra', 'app.ts'), '// changed')],
    [
      'the template was rewritten by another synth',
      (_root: string, outdir: string) =>
        writeFileSync(join(outdir, 'Demo.template.json'), '{"Resources":{}}'),
    ],
  ])('should synthesize again when %s', async (_case, change) => {
    // Arrange
    const { root, outdir, context } = fixture();
    change(root, outdir);

    try {
      // Act: the folder holds no CDK app, so the synth it starts fails and says so.
      const loading = loadCloudAssembly({ projectRoot: root, outdir, context });

      // Assert
      await expect(loading).rejects.toThrow(SynthesisError);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
