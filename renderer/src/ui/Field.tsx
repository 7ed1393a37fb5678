import type { ReactNode } from 'react';

/** What a form control needs to be named by its label and described by its messages. */
export interface ControlAria {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** The ids a control's aria-describedby names, leaving out the messages not shown; undefined for none. */
export const describedBy = (...ids: (string | false | null | undefined)[]): string | undefined => ids.filter(Boolean).join(' ') || undefined;

interface Props {
  /** The control's id: the label names it. */
  id: string;
  label: ReactNode;
  className?: string;
  /** The message under the field (fieldErrors' `at`), shown and tied to the control while set. */
  error?: string | undefined;
  errorId?: string;
  errorTestId?: string;
  /** A hint under the field, rendered by the caller as an element with id `hintId`. */
  hint?: ReactNode;
  hintId?: string;
  /** The control, given its id, aria-invalid and aria-describedby. */
  children: (aria: ControlAria) => ReactNode;
}

/**
 * A labelled form field whose error and hint sit beside the label, never inside it (a screen
 * reader would read them as part of the field's name on every visit): the control names them
 * with aria-describedby, and is marked aria-invalid while it has an error.
 */
export function Field({ id, label, className, error, errorId = `${id}-error`, errorTestId, hint, hintId, children }: Props) {
  const described = describedBy(error && errorId, hint ? hintId : null);
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      {error ? (
        <span className="field-error" id={errorId} data-testid={errorTestId}>
          {error}
        </span>
      ) : null}
      {hint ?? null}
    </div>
  );
}

/**
 * A checkbox or radio: its name in the label (a click on it still ticks the box), its hint beside
 * the label rather than inside, named by the input's aria-describedby.
 */
export function CheckWithHint({ className, wrapperClassName, testId, label, hint, hintId, children }: { className: string; wrapperClassName?: string; testId?: string; label: ReactNode; hint: ReactNode; hintId: string; children: (aria: { 'aria-describedby': string }) => ReactNode }) {
  return (
    <div className={wrapperClassName ? `check-with-hint ${wrapperClassName}` : 'check-with-hint'}>
      <label className={className} data-testid={testId}>
        {children({ 'aria-describedby': hintId })}
        <span>{label}</span>
      </label>
      <span className="check-hint" id={hintId}>
        {hint}
      </span>
    </div>
  );
}
