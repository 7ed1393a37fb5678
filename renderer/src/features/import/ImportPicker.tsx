import { useId, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useZone } from '../../data/useAppData';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { useImportStore } from './import.store';
import { changeSettings, readAgain, readFile } from './useImport';

const Help = ({ id, children }: { id: string; children: ReactNode }) => (
  <span className="io-help" id={id}>
    {children}
  </span>
);

/** How the file is read: the layout, slashed dates, where accountless rows go, the zone, the media folder. */
export function ImportSettingsForm() {
  const settings = useImportStore((s) => s.settings);
  const changed = useImportStore((s) => s.settingsChanged);
  const stage = useImportStore((s) => s.stage);
  const zone = useZone();
  const id = useId();
  return (
    <details className="io-settings" open={settings.layout === 'hootsuite' || undefined}>
      <summary>How the file is read</summary>
      <div className="io-settings-grid">
        <label className="field" htmlFor={`${id}-layout`}>
          <span className="field-label">Layout</span>
          <select id={`${id}-layout`} data-testid="import-layout" value={settings.layout} onChange={(e) => changeSettings({ layout: e.target.value as typeof settings.layout })}>
            <option value="auto">Find out from the file</option>
            <option value="loomcast">Loomcast columns (with a header row)</option>
            <option value="hootsuite">Hootsuite bulk composer (date, message, link)</option>
          </select>
        </label>
        <label className="field" htmlFor={`${id}-order`}>
          <span className="field-label">Dates like 03/04/2027 are</span>
          <select id={`${id}-order`} data-testid="import-date-order" value={settings.dateOrder} onChange={(e) => changeSettings({ dateOrder: e.target.value as 'dmy' | 'mdy' })}>
            <option value="dmy">Day first: 3 April 2027</option>
            <option value="mdy">Month first: March 4, 2027</option>
          </select>
        </label>
        <Field id={`${id}-accounts`} label="Accounts for rows that name none" hintId={`${id}-accounts-hint`} hint={<Help id={`${id}-accounts-hint`}>Hootsuite files name no accounts: every row goes here.</Help>}>
          {(aria) => (
            <input
              className="io-input"
              data-testid="import-accounts"
              placeholder="e.g. x; bluesky; mastodon:@you@example.social"
              value={settings.accounts}
              onChange={(e) => changeSettings({ accounts: e.target.value })}
              {...aria}
            />
          )}
        </Field>
        <Field id={`${id}-zone`} label="Time zone of rows that name none" hintId={`${id}-zone-hint`} hint={<Help id={`${id}-zone-hint`}>Empty: your zone in Settings, {zone}.</Help>}>
          {(aria) => <input className="io-input" data-testid="import-zone" placeholder={zone} value={settings.zone} onChange={(e) => changeSettings({ zone: e.target.value })} {...aria} />}
        </Field>
        <Field
          id={`${id}-media`}
          className="io-wide"
          label="Folder for relative media paths"
          hintId={`${id}-media-hint`}
          hint={<Help id={`${id}-media-hint`}>Media paths are files on the computer Loomcast runs on.</Help>}
        >
          {(aria) => (
            <input
              className="io-input"
              data-testid="import-media-folder"
              placeholder="e.g. /Users/you/Pictures/launch"
              value={settings.mediaFolder}
              onChange={(e) => changeSettings({ mediaFolder: e.target.value })}
              {...aria}
            />
          )}
        </Field>
      </div>
      {changed && stage !== 'pick' ? (
        <p className="io-reread">
          <button type="button" className="btn btn-small" data-testid="import-reread" onClick={() => void readAgain()}>
            Read the file again with these settings
          </button>
          <span className="io-help">Changes made to rows below start over.</span>
        </p>
      ) : null}
    </details>
  );
}

/** Choose or drop a CSV file; reading starts at once. */
export function ImportPicker() {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const stage = useImportStore((s) => s.stage);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void readFile(file);
  };
  return (
    <div
      className="io-drop"
      data-over={over ? 'true' : undefined}
      data-testid="import-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="empty-icon" aria-hidden="true">
        <Icon name="draft" size={22} />
      </div>
      <div>
        <p className="io-drop-title">Drop a CSV file here, or choose one</p>
        <p className="io-help">
          Loomcast’s columns (date, time, text, accounts, link, media, alt text, first comment, campaign) or Hootsuite’s bulk-composer file. Nothing is saved until you have seen every row.
        </p>
      </div>
      <input
        ref={input}
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
        className="visually-hidden"
        data-testid="import-file"
        aria-label="Choose a CSV file to import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void readFile(file);
        }}
      />
      <button type="button" className="btn btn-primary" data-testid="import-choose" disabled={stage === 'reading'} onClick={() => input.current?.click()}>
        {stage === 'reading' ? 'Reading…' : 'Choose CSV file'}
      </button>
    </div>
  );
}
