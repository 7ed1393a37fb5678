/** The message under a field; its id is what the field's aria-describedby points at. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} data-testid={id} role="alert">
      {message}
    </p>
  );
}
