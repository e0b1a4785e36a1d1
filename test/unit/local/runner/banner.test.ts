import { banner, runtimeMismatchLine } from '../../../../local/runner/banner';

const facts = {
  apiUrl: 'http://127.0.0.1:3000/prod',
  awsEndpoint: 'http://127.0.0.1:4566',
  region: 'us-east-1',
  accessKeyId: 'test',
  secretAccessKey: 'test',
  dataDir: '/tmp/state',
  functions: ['Hello'],
  startupMs: 250,
  synthesized: false,
};

describe('runtimeMismatchLine', () => {
  it('should say nothing when the host runs the major the template declares', () => {
    expect(runtimeMismatchLine('v24.3.0', ['nodejs24.x', 'nodejs24.x'])).toBeUndefined();
  });

  it('should name the host version and each other declared runtime once', () => {
    // Act
    const line = runtimeMismatchLine('v20.20.2', ['nodejs24.x', 'nodejs22.x', 'nodejs24.x']);

    // Assert
    expect(line).toBe(
      "  Runtime        functions run on this machine's Node.js v20.20.2; the template declares nodejs22.x, nodejs24.x",
    );
  });

  it('should not confuse majors that share a prefix', () => {
    expect(runtimeMismatchLine('v2.0.0', ['nodejs22.x'])).toContain('nodejs22.x');
  });
});

describe('banner', () => {
  it('should carry exactly one runtime line when the majors differ, and none when they match', () => {
    // Act
    const differing = banner({ ...facts, runtimes: ['nodejs24.x'], hostNodeVersion: 'v22.1.0' });
    const matching = banner({ ...facts, runtimes: ['nodejs24.x'], hostNodeVersion: 'v24.1.0' });

    // Assert
    expect(differing.split('\n').filter((line) => line.includes('Runtime '))).toHaveLength(1);
    expect(matching).not.toContain('Runtime ');
  });
});

describe('banner with a console', () => {
  it('should show the console URL first when a console runs, and no console line otherwise', () => {
    const consoleUrl = 'http://127.0.0.1:3001/?token=abc';
    const lines = banner({ ...facts, runtimes: [], hostNodeVersion: 'v24.1.0', consoleUrl }).split('\n');
    const consoleLine = lines.findIndex((line) => line.includes('Console'));
    expect(lines[consoleLine]).toBe(`  Console        ${consoleUrl}`);
    expect(lines[consoleLine + 1]).toContain('API');
    expect(banner({ ...facts, runtimes: [], hostNodeVersion: 'v24.1.0' })).not.toContain('Console');
  });
});
