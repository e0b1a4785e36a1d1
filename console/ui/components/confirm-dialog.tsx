import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

interface Props {
  readonly open: boolean;
  readonly title: string;
  /** The confirming button's text, e.g. "Confirm redrive". */
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly children: ComponentChildren;
}

/**
 * A modal `<dialog>` asking before an action that cannot be undone: focus stays inside it,
 * Escape cancels, and Cancel has the focus first so Enter alone never confirms.
 */
export function ConfirmDialog({ open, title, confirmLabel, onConfirm, onCancel, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div class="confirm-dialog-body">{children}</div>
      <div class="button-row">
        {/* biome-ignore lint/a11y/noAutofocus: a modal dialog should focus its safe choice */}
        <button type="button" class="button" autoFocus onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          class="button button-danger"
          onClick={() => {
            // Closed first, so the focus it hands back to its opener is already there when the
            // action starts and may move it on (to a report: the opener is disabled meanwhile).
            dialog.current?.close();
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
