import { useState, type KeyboardEvent, type Ref } from 'react';
import { hhmm, minutesOf, parseTypedTime, stepTime, typedTimeProblem } from '../../../shared/domain/typed-time';
import { useDateFormat } from '../data/useDateFormat';
import './time-input.css';

interface Props {
  id: string;
  testId: string;
  /** The time kept in the form: "HH:mm" (24-hour), or '' for none. */
  value: string;
  /** The new time as soon as the text reads as one; '' while the text is empty or not a time. */
  onChange: (time: string) => void;
  /**
   * What to say when the text left in the field is not a time (on leaving it, or Enter): the
   * message for the form's own error under the field, with an example in the creator's clock.
   * Null once the text reads again. The caller shows it and points aria-describedby at it.
   */
  onProblem?: (message: string | null) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  ref?: Ref<HTMLInputElement>;
}

/** Up and down: a quarter of an hour; Page Up and Page Down: an hour. */
const STEPS: Record<string, [1 | -1, number]> = { ArrowUp: [1, 15], ArrowDown: [-1, 15], PageUp: [1, 60], PageDown: [-1, 60] };
/** Where the arrows start in an empty field. */
const START = 9 * 60;

/**
 * A time of day, typed, shown the way the creator reads times (Settings → Time format), not the
 * way the browser's locale writes them as a native time input would. It takes either clock as
 * typed ("14:30", "2:30 pm", "0930", "9am"; the rules, including that a bare "2:30" is always
 * 2:30 in the morning, are parseTypedTime's in shared/domain/typed-time.ts), updates the form
 * as soon as the text reads, and writes it in the creator's format on leaving the field. Text
 * that doesn't read stays as typed, with a message from onProblem.
 *
 * A text input with the spinbutton role: the arrow keys step the time by 15 minutes, wrapping
 * past midnight, and a screen reader hears the new time (aria-valuetext).
 */
export function TimeInput({ id, testId, value, onChange, onProblem, required, disabled, ref, ...aria }: Props) {
  const fmt = useDateFormat();
  // What the creator is typing, while it is still about the value the form holds; a time set
  // from outside (a free slot picked, a post opened) replaces it.
  const [draft, setDraft] = useState<{ text: string; of: string } | null>(null);
  // Whether the text's problem is being shown: from leaving the field until the text reads.
  const [told, setTold] = useState(false);
  const minutes = minutesOf(value);
  const formatted = minutes === null ? value : fmt.wallTime(minutes);
  const text = draft && draft.of === value ? draft.text : formatted;

  const emit = (time: string) => {
    if (time !== value) onChange(time);
  };
  const tell = (message: string | null) => {
    setTold(message !== null);
    onProblem?.(message);
  };

  const type = (next: string) => {
    const read = parseTypedTime(next);
    const time = read.ok ? read.time : '';
    setDraft({ text: next, of: time });
    emit(time);
    // A time that reads ends any message about the field (a form's "type a time" too); text
    // that doesn't is only said once the creator has left it, not at every key on the way.
    if (read.ok) tell(null);
    else if (told) tell(read.reason === 'empty' ? null : typedTimeProblem(next, fmt));
  };

  /** Leaving the field (or Enter): a time is written the creator's way; anything else is said. */
  const settle = () => {
    const read = parseTypedTime(text);
    if (read.ok || read.reason === 'empty') {
      setDraft(null);
      if (told) tell(null);
    } else {
      tell(typedTimeProblem(text, fmt));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      settle();
      return;
    }
    const step = STEPS[e.key];
    if (!step || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const read = parseTypedTime(text);
    // Text that isn't a time is the creator's: the arrows leave it for them to fix.
    if (!read.ok && read.reason === 'unreadable') return;
    e.preventDefault();
    const next = read.ok ? stepTime(read.minutes, step[0], step[1]) : START;
    setDraft(null);
    emit(hhmm(next));
    if (told) tell(null);
  };

  return (
    <input
      ref={ref}
      id={id}
      type="text"
      role="spinbutton"
      className="text-input time-input"
      data-testid={testId}
      inputMode="text"
      autoComplete="off"
      spellCheck={false}
      placeholder={fmt.hourCycle === 'h12' ? 'h:mm am/pm' : 'hh:mm'}
      value={text}
      required={required}
      disabled={disabled}
      aria-valuemin={0}
      aria-valuemax={1439}
      aria-valuenow={minutes ?? undefined}
      aria-valuetext={minutes === null ? undefined : formatted}
      aria-invalid={aria['aria-invalid'] || undefined}
      aria-describedby={aria['aria-describedby']}
      onChange={(e) => type(e.target.value)}
      onBlur={settle}
      onKeyDown={onKeyDown}
    />
  );
}
