import {
  CreateEventBusCommand,
  DescribeEventBusCommand,
  PutPermissionCommand,
  RemovePermissionCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import { harnessForFile } from './eventbridge-harness';

const ARN_PREFIX = 'arn:aws:events:us-east-1:000000000000';

interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: string;
  readonly Resource?: string;
  readonly Condition?: unknown;
}

interface PolicyDocument {
  readonly Version?: string;
  readonly Statement?: readonly PolicyStatement[];
}

/** The statement AWS builds for PutPermission with an account principal. */
function accountStatement(sid: string, account: string, busName: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${account}:root` },
    Action: 'events:PutEvents',
    Resource: `${ARN_PREFIX}:event-bus/${busName}`,
  };
}

describe('EventBridge PutPermission and RemovePermission', () => {
  const file = harnessForFile();
  const restart = file.restart;

  async function policyOf(busName: string): Promise<PolicyDocument | undefined> {
    const bus = await file.harness.eventBridge.send(new DescribeEventBusCommand({ Name: busName }));
    return bus.Policy === undefined ? undefined : (JSON.parse(bus.Policy) as PolicyDocument);
  }

  async function grant(busName: string, sid: string, principal: string): Promise<void> {
    await file.harness.eventBridge.send(
      new PutPermissionCommand({
        EventBusName: busName,
        Action: 'events:PutEvents',
        Principal: principal,
        StatementId: sid,
      }),
    );
  }

  describe('PutPermission', () => {
    it('should add statements to the bus policy as AWS builds them and keep them across a restart', async () => {
      // Arrange
      await file.harness.eventBridge.send(new CreateEventBusCommand({ Name: 'perm-bus' }));

      // Act
      await grant('perm-bus', 'allow-a', '111122223333');
      await grant('perm-bus', 'allow-all', '*');
      await restart();
      const policy = await policyOf('perm-bus');

      // Assert
      expect(policy).toEqual({
        Version: '2012-10-17',
        Statement: [
          accountStatement('allow-a', '111122223333', 'perm-bus'),
          { ...accountStatement('allow-all', '', 'perm-bus'), Principal: '*' },
        ],
      });
    });

    it('should replace the statement with the same StatementId', async () => {
      // Arrange
      await file.harness.eventBridge.send(new CreateEventBusCommand({ Name: 'perm-replace' }));
      await grant('perm-replace', 'same', '111122223333');

      // Act
      await grant('perm-replace', 'same', '444455556666');
      const policy = await policyOf('perm-replace');

      // Assert
      expect(policy?.Statement).toEqual([accountStatement('same', '444455556666', 'perm-replace')]);
    });

    it('should add an organization condition to the statement', async () => {
      // Arrange
      await file.harness.eventBridge.send(new CreateEventBusCommand({ Name: 'perm-org' }));

      // Act
      await file.harness.eventBridge.send(
        new PutPermissionCommand({
          EventBusName: 'perm-org',
          Action: 'events:PutEvents',
          Principal: '*',
          StatementId: 'org',
          Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-1234567890' },
        }),
      );
      const policy = await policyOf('perm-org');

      // Assert
      expect(policy?.Statement?.[0]?.Condition).toEqual({
        StringEquals: { 'aws:PrincipalOrgID': 'o-1234567890' },
      });
    });

    it('should grant on the default bus when no EventBusName is given', async () => {
      // Act
      await file.harness.eventBridge.send(
        new PutPermissionCommand({
          Action: 'events:PutEvents',
          Principal: '111122223333',
          StatementId: 'dflt',
        }),
      );
      const policy = await policyOf('default');

      // Assert
      expect(policy?.Statement).toContainEqual(accountStatement('dflt', '111122223333', 'default'));
    });

    it('should store a whole Policy document as given', async () => {
      // Arrange
      await file.harness.eventBridge.send(new CreateEventBusCommand({ Name: 'perm-doc' }));
      const document = JSON.stringify({
        Version: '2012-10-17',
        Statement: [accountStatement('doc', '111122223333', 'perm-doc')],
      });

      // Act
      await file.harness.eventBridge.send(
        new PutPermissionCommand({ EventBusName: 'perm-doc', Policy: document }),
      );
      const bus = await file.harness.eventBridge.send(new DescribeEventBusCommand({ Name: 'perm-doc' }));

      // Assert
      expect(bus.Policy).toBe(document);
    });

    it('should answer ResourceNotFoundException for a bus that does not exist', async () => {
      await expect(grant('perm-missing', 'x', '111122223333')).rejects.toBeInstanceOf(
        ResourceNotFoundException,
      );
    });

    it('should answer ValidationException for a bad principal, an unsupported action or a policy that is not JSON', async () => {
      // Act
      const badPrincipal = grant('default', 'bad', 'someone');
      const badAction = file.harness.eventBridge.send(
        new PutPermissionCommand({ Action: 'events:PutRule', Principal: '111122223333', StatementId: 'act' }),
      );
      const badPolicy = file.harness.eventBridge.send(new PutPermissionCommand({ Policy: '{not json' }));
      const missingStatementId = file.harness.eventBridge.send(
        new PutPermissionCommand({ Action: 'events:PutEvents', Principal: '111122223333' }),
      );

      // Assert
      await expect(badPrincipal).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(badAction).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(badPolicy).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(missingStatementId).rejects.toMatchObject({ name: 'ValidationException' });
    });

    it('should answer PolicyLengthExceededException for a policy over 10240 characters', async () => {
      // Arrange
      const document = JSON.stringify({ Statement: [], Padding: 'x'.repeat(10_240) });

      // Act
      const put = file.harness.eventBridge.send(new PutPermissionCommand({ Policy: document }));

      // Assert
      await expect(put).rejects.toMatchObject({ name: 'PolicyLengthExceededException' });
    });
  });

  describe('RemovePermission', () => {
    it('should remove one statement and keep the removal across a restart', async () => {
      // Arrange
      await file.harness.eventBridge.send(new CreateEventBusCommand({ Name: 'unperm-bus' }));
      await grant('unperm-bus', 'keep', '111122223333');
      await grant('unperm-bus', 'drop', '444455556666');

      // Act
      await file.harness.eventBridge.send(
        new RemovePermissionCommand({ EventBusName: 'unperm-bus', StatementId: 'drop' }),
      );
      await restart();
      const policy = await policyOf('unperm-bus');

      // Assert
      expect(policy?.Statement).toEqual([accountStatement('keep', '111122223333', 'unperm-bus')]);
    });

    it('should remove the policy with its last statement', async () => {
      // Arrange
      await file.harness.eventBridge.send(new CreateEventBusCommand({ Name: 'unperm-last' }));
      await grant('unperm-last', 'only', '111122223333');

      // Act
      await file.harness.eventBridge.send(
        new RemovePermissionCommand({ EventBusName: 'unperm-last', StatementId: 'only' }),
      );
      const policy = await policyOf('unperm-last');

      // Assert
      expect(policy).toBeUndefined();
    });

    it('should remove every statement with RemoveAllPermissions', async () => {
      // Arrange
      await file.harness.eventBridge.send(new CreateEventBusCommand({ Name: 'unperm-all' }));
      await grant('unperm-all', 'a', '111122223333');
      await grant('unperm-all', 'b', '444455556666');

      // Act
      await file.harness.eventBridge.send(
        new RemovePermissionCommand({ EventBusName: 'unperm-all', RemoveAllPermissions: true }),
      );
      const policy = await policyOf('unperm-all');

      // Assert
      expect(policy).toBeUndefined();
    });

    it('should answer ResourceNotFoundException for an unknown StatementId or bus', async () => {
      // Arrange
      await file.harness.eventBridge.send(new CreateEventBusCommand({ Name: 'unperm-unknown' }));
      await grant('unperm-unknown', 'known', '111122223333');

      // Act
      const unknownStatement = file.harness.eventBridge.send(
        new RemovePermissionCommand({ EventBusName: 'unperm-unknown', StatementId: 'unknown' }),
      );
      const unknownBus = file.harness.eventBridge.send(
        new RemovePermissionCommand({ EventBusName: 'unperm-none', StatementId: 'known' }),
      );

      // Assert
      await expect(unknownStatement).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(unknownBus).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('should answer ValidationException without StatementId or RemoveAllPermissions', async () => {
      await expect(
        file.harness.eventBridge.send(new RemovePermissionCommand({ EventBusName: 'unperm-unknown' })),
      ).rejects.toMatchObject({ name: 'ValidationException' });
    });
  });
});
