import type { AccountDto } from '../../../../shared/contract';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '../../../../shared/domain/platforms';
import { FieldError } from './FieldError';
import { platformMarkColor } from '../../ui/PlatformMark';
import { platformAvatarStyle } from '../../ui/platform-avatar';

interface Props {
  selected: Platform[];
  onToggle: (p: Platform) => void;
  accounts: AccountDto[];
  /** Chosen account ids, for platforms where more than one account is connected. */
  chosen: string[];
  onToggleAccount: (id: string) => void;
  error?: string;
}

/**
 * Ten toggle buttons, one per platform; pressed ones get the post. Under a pressed platform,
 * its connected accounts as chips (avatar and handle): one account is taken as it is, several
 * must be picked, none yet means the copy waits until one is connected.
 */
export function PlatformPicker({ selected, onToggle, accounts, chosen, onToggleAccount, error }: Props) {
  const pressed = PLATFORMS.filter((p) => selected.includes(p));
  return (
    <fieldset id="compose-platforms-group" className="field platform-picker" aria-invalid={error ? true : undefined} aria-describedby={error ? 'compose-platforms-error' : undefined}>
      <legend className="field-label">Platforms</legend>
      <div className="platform-toggles" data-testid="compose-platforms">
        {PLATFORMS.map((p) => {
          const on = selected.includes(p);
          return (
            <button key={p} type="button" className="platform-toggle" aria-pressed={on} aria-describedby={error ? 'compose-platforms-error' : undefined} data-testid={`compose-platform-${p}`} onClick={() => onToggle(p)}>
              <span className="platform-dot" style={{ background: platformMarkColor(p) }} aria-hidden="true" />
              {PLATFORM_NAMES[p]}
            </button>
          );
        })}
      </div>
      {pressed.length > 0 ? (
        <ul className="account-chips" data-testid="compose-accounts" aria-label="Accounts">
          {pressed.map((p) => {
            const mine = accounts.filter((a) => a.platform === p);
            if (mine.length === 0) {
              return (
                <li key={p} className="account-chip account-chip-waiting" data-testid={`compose-account-waiting-${p}`}>
                  <span className="account-avatar" style={platformAvatarStyle(p)} aria-hidden="true">
                    {PLATFORM_NAMES[p][0]}
                  </span>
                  No {PLATFORM_NAMES[p]} account yet: it waits until you connect one
                </li>
              );
            }
            return mine.map((a) => {
              const on = mine.length === 1 || chosen.includes(a.id);
              return (
                <li key={a.id}>
                  <button
                    type="button"
                    className="account-chip"
                    aria-pressed={on}
                    disabled={mine.length === 1}
                    title={mine.length === 1 ? `The only ${PLATFORM_NAMES[p]} account: it gets the post` : `${on ? 'Gets' : 'Does not get'} the post; click to ${on ? 'leave it out' : 'include it'}`}
                    data-testid={`compose-account-${a.id}`}
                    onClick={() => onToggleAccount(a.id)}
                  >
                    <span className="account-avatar" style={platformAvatarStyle(p)} aria-hidden="true">
                      {(a.displayName ?? a.handle).replace(/^@/, '')[0]?.toUpperCase() ?? '?'}
                    </span>
                    {a.displayName && a.displayName !== a.handle ? <span className="account-chip-name">{a.displayName}</span> : null}
                    <span className="account-chip-handle">{a.handle}</span>
                    <span className="visually-hidden"> on {PLATFORM_NAMES[p]}</span>
                  </button>
                </li>
              );
            });
          })}
        </ul>
      ) : null}
      <FieldError id="compose-platforms-error" message={error} />
    </fieldset>
  );
}
