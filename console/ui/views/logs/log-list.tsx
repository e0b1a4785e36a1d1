import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ShownLogLine } from '../../hooks/use-log-stream';
import { formatClock, formatDateTime } from '../../lib/format';
import { isScrolledToEnd } from '../../lib/log-lines';
import { flowHref } from '../../lib/router';

/**
 * The lines in a scrolling box that follows new lines while it is scrolled to the end, and stays
 * put once the reader scrolls up (with a button back to the latest, which hands the keyboard
 * focus back to the box as it disappears). The column headers let a screen reader name each
 * cell's column, and stay in view while the lines scroll.
 */
export function LogList({ lines }: { readonly lines: readonly ShownLogLine[] }) {
  const box = useRef<HTMLElement>(null);
  const [following, setFollowing] = useState(true);
  useLayoutEffect(() => {
    const element = box.current;
    if (element !== null && following) element.scrollTop = element.scrollHeight;
  }, [lines, following]);
  return (
    <div class="log-frame">
      <section
        ref={box}
        class="log-box"
        // Focusable so the keyboard can scroll it.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        tabIndex={0}
        aria-label="Log lines"
        data-testid="log-lines"
        onScroll={(event) => setFollowing(isScrolledToEnd(event.currentTarget))}
      >
        {lines.length === 0 ? (
          <p class="muted log-empty">No log lines yet for these filters.</p>
        ) : (
          <table class="log-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Level</th>
                <th scope="col">Function</th>
                <th scope="col">Correlation id</th>
                <th scope="col">Line</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.seq} class={`log-${line.level.toLowerCase()}`}>
                  <td class="log-time nowrap">
                    <time dateTime={new Date(line.at).toISOString()} title={formatDateTime(line.at)}>
                      {formatClock(line.at)}
                    </time>
                  </td>
                  <td class="log-level nowrap">{line.level}</td>
                  <td class="log-function nowrap">{line.function}</td>
                  <td class="log-correlation nowrap">
                    {line.correlationId === null ? null : (
                      <a href={flowHref(line.correlationId)} title={`Open flow ${line.correlationId}`}>
                        {line.correlationId}
                      </a>
                    )}
                  </td>
                  <td class="log-text">{line.line}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {following ? null : (
        <button
          type="button"
          class="button jump-latest"
          onClick={() => {
            setFollowing(true);
            box.current?.focus();
          }}
        >
          Jump to latest
        </button>
      )}
    </div>
  );
}
