import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  readonly title: string;
  /** Beside the heading: a live indicator, a refresh button. */
  readonly actions?: ComponentChildren;
  readonly children: ComponentChildren;
}

let firstPage = true;

/**
 * A view's frame: its heading and the document title. On navigation the heading takes the focus,
 * so keyboard and screen-reader users start at the new view rather than at the old link.
 */
export function Page({ title, actions, children }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Switchyard console`;
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, [title]);
  return (
    <>
      <div class="page-header">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions === undefined ? null : <div class="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}
