import { dateFormat, systemLocale, type TimeFormat } from '../../../../shared/domain/datetime-format';
import type { SaveSetting } from './useSettingsForm';

/** 14:30 on any day: the example each choice shows. */
const EXAMPLE_MINUTES = 14 * 60 + 30;

const CHOICES: { value: TimeFormat; label: string }[] = [
  { value: 'system', label: 'As my system' },
  { value: 'h23', label: '24-hour' },
  { value: 'h12', label: '12-hour' },
];

/**
 * How every time in Loomcast reads. "As my system" follows this computer's locale (14:30 in the
 * UK, 2:30 PM in the US); the other two are for creators whose clock is set apart from it.
 */
export function TimeFormatSetting({ value, save }: { value: TimeFormat; save: SaveSetting }) {
  const locale = systemLocale();
  const example = (timeFormat: TimeFormat) => dateFormat({ locale, timeFormat }).wallTime(EXAMPLE_MINUTES);
  return (
    <fieldset className="setting">
      <legend className="field-label">Time format</legend>
      <p className="setting-help" id="settings-time-format-help">
        How times read everywhere in Loomcast, including its messages and alerts.
      </p>
      <div className="segmented" aria-describedby="settings-time-format-help">
        {CHOICES.map((c) => (
          <label key={c.value} className="segment" data-testid={`settings-time-format-${c.value}`}>
            <input
              type="radio"
              name="time-format"
              value={c.value}
              checked={value === c.value}
              onChange={() => void save({ timeFormat: c.value }, `Time format set to ${c.value === 'system' ? 'your system’s' : c.label} (${example(c.value)})`)}
            />
            <span>
              {c.label} ({example(c.value)})
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
