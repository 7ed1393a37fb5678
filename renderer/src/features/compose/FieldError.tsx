/**
 * The message under a field; its id is what the field's aria-describedby points at. Not a live
 * region of its own: the summary (ComposeProblems) announces a refusal once, and the field reads
 * its message when the keyboard gets there.
 */
export function FieldError({ id, message }: { id: string; message?: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} data-testid={id}>
      {message}
    </p>
  );
}
