import type { AccountDto } from '../../../../shared/contract';
import type { FieldErrors } from './compose-form';
import type { ComposeForm } from './compose.store';
import { PlatformCards } from './PlatformCards';

interface Props {
  form: ComposeForm;
  accounts: AccountDto[];
  onOverrides: (overrides: ComposeForm['overrides']) => void;
  /** Problems with the platforms' own texts, said under each. */
  errors?: FieldErrors;
}

/** The right pane: how the post looks on each chosen platform (the cards name themselves), or what to do to see that. */
export function PreviewPane({ form, accounts, onOverrides, errors }: Props) {
  return (
    <aside className="composer-previews" aria-label="Preview" data-testid="compose-preview-pane">
      {form.platforms.length === 0 ? (
        <div className="composer-previews-empty" data-testid="compose-previews-empty">
          <h2 className="field-label">Preview</h2>
          <p>Pick a platform under Platforms to see how the post will look there.</p>
          <p className="muted">Each platform gets its own card, and you can give one its own words.</p>
        </div>
      ) : (
        <PlatformCards form={form} accounts={accounts} onOverrides={onOverrides} {...(errors ? { errors } : {})} />
      )}
    </aside>
  );
}
