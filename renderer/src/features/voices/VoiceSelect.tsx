import type { SelectHTMLAttributes } from 'react';

/**
 * The voice to write in: "No voice" or one of the creator's voices. One select for every place
 * that picks one (a pillar's voice, Use template, variants, writing with a model); the label and
 * its error stay with the form around it (aria attributes pass through).
 */
export function VoiceSelect({
  voices,
  value,
  onChange,
  testId,
  ...rest
}: { voices: readonly { id: string; name: string }[] | null | undefined; value: string; onChange(id: string): void; testId: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>) {
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} {...rest}>
      <option value="">No voice</option>
      {(voices ?? []).map((v) => (
        <option key={v.id} value={v.id}>
          {v.name}
        </option>
      ))}
    </select>
  );
}
