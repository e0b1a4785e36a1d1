import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCloudAssembly, SynthesisError } from '../../../../local/runner';
import { ASSET, stampedAssembly as fixture } from './support/stamped-assembly';

jest.setTimeout(120_000);

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
