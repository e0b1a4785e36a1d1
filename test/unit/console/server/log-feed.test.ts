import { LogFeed, MAX_LINE_CHARS } from '../../../../console/server/log-feed';

const structured = (level: string, message: string, correlationId?: string) =>
  JSON.stringify({ level, message, ...(correlationId !== undefined && { correlationId }) });

describe('LogFeed', () => {
  it('reads level and correlation id from structured lines, and a level from the stream otherwise', () => {
    const feed = new LogFeed();
    feed.sink('Worker', 'stdout', structured('ERROR', 'failed', 'corr-1'));
    feed.sink('Worker', 'stderr', 'plain text on stderr');
    feed.sink('Hello', 'stdout', 'plain text on stdout');
    expect(
      feed.recentLines({}).map(({ function: name, level, correlationId }) => [name, level, correlationId]),
    ).toEqual([
      ['Worker', 'ERROR', 'corr-1'],
      ['Worker', 'WARN', null],
      ['Hello', 'INFO', null],
    ]);
  });

  it('filters by function, minimum level and correlation id', () => {
    const feed = new LogFeed();
    feed.sink('Worker', 'stdout', structured('DEBUG', 'a', 'corr-1'));
    feed.sink('Worker', 'stdout', structured('WARN', 'b', 'corr-1'));
    feed.sink('Worker', 'stdout', structured('CRITICAL', 'c', 'corr-2'));
    feed.sink('Hello', 'stdout', structured('ERROR', 'd', 'corr-1'));
    const messages = (filter: Parameters<LogFeed['recentLines']>[0]) =>
      feed.recentLines(filter).map((line) => JSON.parse(line.line).message);
    expect(messages({ functionName: 'Worker' })).toEqual(['a', 'b', 'c']);
    expect(messages({ minLevel: 'WARN' })).toEqual(['b', 'c', 'd']);
    expect(messages({ correlationId: 'corr-1', minLevel: 'INFO' })).toEqual(['b', 'd']);
  });

  it('keeps the last 1,000 lines, oldest first', () => {
    const feed = new LogFeed();
    for (let index = 0; index < 1500; index += 1) feed.sink('Hello', 'stdout', `line ${index}`);
    const lines = feed.recentLines({});
    expect(lines).toHaveLength(1000);
    expect(lines[0]?.line).toBe('line 500');
    expect(lines.at(-1)?.line).toBe('line 1499');
  });

  it('hands each new matching line to subscribers until they unsubscribe', () => {
    const feed = new LogFeed();
    const seen: string[] = [];
    const unsubscribe = feed.subscribe({ functionName: 'Worker' }, (line) => seen.push(line.line));
    feed.sink('Worker', 'stdout', 'one');
    feed.sink('Hello', 'stdout', 'other function');
    unsubscribe();
    feed.sink('Worker', 'stdout', 'two');
    expect(seen).toEqual(['one']);
  });
});

describe('LogFeed line length', () => {
  it('cuts a line past 16 KiB and says how much was left out', () => {
    const feed = new LogFeed();
    feed.sink('Hello', 'stdout', 'y'.repeat(MAX_LINE_CHARS + 10));
    const [line] = feed.recentLines({});
    expect(line?.line.startsWith('y'.repeat(MAX_LINE_CHARS))).toBe(true);
    expect(line?.line.endsWith('… (10 more characters not shown)')).toBe(true);
  });
});
