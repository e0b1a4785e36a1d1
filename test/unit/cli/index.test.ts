describe('the CLI package index', () => {
  it('should load no AWS SDK module, though it names the operations and their types', () => {
    // Arrange
    jest.resetModules();
    const sdkModules = () => Object.keys(require.cache).filter((file) => /[\\/]@aws-sdk[\\/]/.test(file));
    const loadedBefore = sdkModules();

    // Act
    const cli = require('../../../cli') as typeof import('../../../cli');

    // Assert
    expect(Object.keys(cli).sort()).toEqual(['ExitCode', 'processIo', 'run']);
    expect(sdkModules()).toEqual(loadedBefore);
  });
});
