/**
 * A form's words beside its fields: the error under a field (`err`), the attributes that tie
 * the field to it for screen readers (`described`), and both for a <Field> (`at`). `prefix`
 * names the form in ids and test ids.
 */
export function fieldErrors<F extends string>(prefix: string, errors: Partial<Record<F, string>>) {
  const id = (f: F) => `${prefix}-${f}-error`;
  return {
    err: (f: F) =>
      errors[f] ? (
        <span className="field-error" id={id(f)} data-testid={`${prefix}-error-${f}`}>
          {errors[f]}
        </span>
      ) : null,
    described: (f: F) => (errors[f] ? { 'aria-invalid': true, 'aria-describedby': id(f) } : {}),
    /** A <Field>'s error props: its message, the message's id and test id. */
    at: (f: F) => ({ error: errors[f], errorId: id(f), errorTestId: `${prefix}-error-${f}` }),
  };
}
