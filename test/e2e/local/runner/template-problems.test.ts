import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalCloud, UnsupportedTemplateError } from '../../../../local/runner';
import { stampedAssembly } from './support/stamped-assembly';

jest.setTimeout(60_000);

describe('a start on a template with several problems', () => {
  it('should stop before touching any state, with one error naming every problem', async () => {
    // Arrange
    const { root, outdir } = stampedAssembly({
      Resources: {
        Uploads: { Type: 'AWS::S3::Bucket' },
        Imported: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: { 'Fn::ImportValue': 'key' } } },
      },
    });
    const dataDir = join(root, 'data');

    try {
      // Act
      const starting = startLocalCloud({
        projectRoot: root,
        outdir,
        webhookAllowedHosts: ['localhost'],
        dataDir,
        awsPort: 0,
        apiPort: 0,
        log: () => undefined,
      });

      // Assert
      await expect(starting).rejects.toThrow(UnsupportedTemplateError);
      await expect(starting).rejects.toThrow(
        [
          'the template has 2 things the local cloud cannot run:',
          '  Uploads: resource type AWS::S3::Bucket is not supported by the local cloud',
          '  Imported: the intrinsic function Fn::ImportValue is not supported locally',
        ].join('\n'),
      );
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
