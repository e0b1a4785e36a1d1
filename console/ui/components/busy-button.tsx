import type { ButtonHTMLAttributes } from 'preact';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  /** The button's action is running: it refuses another, and says so, but keeps the focus. */
  readonly busy: boolean;
};

/**
 * A button that refuses its action while that action runs. `disabled` would do the same but
 * takes the keyboard focus away and drops it to the page, so a keyboard user who pressed
 * Refresh would have to find their place again; `aria-disabled` keeps the focus on the button
 * and tells assistive technology that it is unavailable. Cancelling the click also cancels a
 * submit button's form submission, Enter in a field included (it clicks the default button).
 */
export function BusyButton({ busy, onClick, ...props }: Props) {
  return (
    <button
      {...props}
      aria-disabled={busy ? 'true' : undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.call(event.currentTarget, event);
      }}
    />
  );
}
