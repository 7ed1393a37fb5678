import { useEffect, useRef, useState } from 'react';
import type { BucketSettingsDto, InputIssue } from '../../../../shared/contract';
import { useAppInfo } from '../../data/useAppData';
import { splitIssues, toProblem, type Problem } from '../../lib/errors';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { clearBucket, saveBucket, testBucket, useBucket } from './useBucket';
import { CheckWithHint } from '../../ui/Field';

type BucketField = 'endpoint' | 'region' | 'bucket' | 'accessKeyId' | 'secretAccessKey';

/** Each field's test id, which is also its element id (labels and error lines hang off it). */
const IDS: Record<BucketField, string> = {
  endpoint: 'bucket-endpoint',
  region: 'bucket-region',
  bucket: 'bucket-name',
  accessKeyId: 'bucket-key-id',
  secretAccessKey: 'bucket-secret',
};

const fieldOf = (path: InputIssue['path']): BucketField | null => {
  const head = path[0];
  return typeof head === 'string' && head in IDS ? (head as BucketField) : null;
};

interface Form {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

const formFrom = (b: BucketSettingsDto): Form => ({
  endpoint: b.endpoint ?? '',
  region: b.region ?? '',
  bucket: b.bucket ?? '',
  accessKeyId: b.accessKeyId ?? '',
  secretAccessKey: '',
  forcePathStyle: b.forcePathStyle,
});

/** Whether the core holds anything of a bucket: an address, or a secret in the keychain. */
const stored = (b: BucketSettingsDto) => b.endpoint !== null || b.hasSecret;

function BucketState({ bucket }: { bucket: BucketSettingsDto }) {
  const words = !stored(bucket) ? 'Not set up' : bucket.hasSecret ? 'Set up · Secret stored in your keychain' : 'Saved, but the secret key is not in your keychain: enter it again';
  const tone = !stored(bucket) ? 'off' : bucket.hasSecret ? 'ok' : 'attention';
  return (
    <p className="bucket-state" data-testid="bucket-status" data-tone={tone} data-configured={bucket.configured ? 'true' : 'false'}>
      {tone === 'ok' ? <Icon name="check" size={14} /> : tone === 'attention' ? <Icon name="alert" size={14} /> : null}
      {words}
    </p>
  );
}

function Field({
  field,
  label,
  help,
  value,
  error,
  type = 'text',
  placeholder,
  onChange,
}: {
  field: BucketField;
  label: string;
  help?: string;
  value: string;
  error: string | undefined;
  type?: 'text' | 'url' | 'password';
  placeholder?: string;
  onChange: (value: string) => void;
}) {
  const id = IDS[field];
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        className="text-input"
        data-testid={id}
        type={type}
        value={value}
        placeholder={placeholder}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {help ? (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Outcome = { kind: 'saved'; words: string } | { kind: 'tested'; warnings: string[] } | { kind: 'removed' } | null;

/** The form, started from what the core holds when Settings opened; each answer of the core refills it. */
function BucketForm({ bucket }: { bucket: BucketSettingsDto }) {
  const info = useAppInfo();
  const [form, setForm] = useState<Form>(() => formFrom(bucket));
  const [errors, setErrors] = useState<Partial<Record<BucketField, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | 'clear' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [confirming, setConfirming] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  const saved = formFrom(bucket);
  const changed = (Object.keys(saved) as (keyof Form)[]).some((k) => (k === 'secretAccessKey' ? form.secretAccessKey !== '' : form[k] !== saved[k]));

  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k as BucketField];
      return next;
    });
    setOutcome(null);
  };

  const begin = (what: 'save' | 'test' | 'clear') => {
    setBusy(what);
    setProblem(null);
    setOutcome(null);
  };

  const save = async () => {
    begin('save');
    setErrors({});
    try {
      const result = await saveBucket({
        endpoint: form.endpoint.trim(),
        region: form.region.trim(),
        bucket: form.bucket.trim(),
        accessKeyId: form.accessKeyId.trim(),
        forcePathStyle: form.forcePathStyle,
        // Empty keeps the secret already in the keychain; the core says so if there is none.
        ...(form.secretAccessKey ? { secretAccessKey: form.secretAccessKey } : {}),
      });
      setForm(formFrom(result));
      setOutcome({ kind: 'saved', words: result.hasSecret ? 'Saved. Secret stored in your keychain.' : 'Saved.' });
    } catch (err) {
      const split = splitIssues(err, fieldOf);
      setErrors(split.fields);
      setProblem(split.form);
    } finally {
      setBusy(null);
    }
  };

  const test = async () => {
    begin('test');
    try {
      const result = await testBucket();
      setOutcome({ kind: 'tested', warnings: result.warnings });
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(null);
    }
  };

  const clear = async () => {
    begin('clear');
    try {
      const result = await clearBucket();
      setForm(formFrom(result));
      setErrors({});
      setConfirming(false);
      setOutcome({ kind: 'removed' });
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <div className="bucket-head">
        <BucketState bucket={bucket} />
      </div>

      {info && !info.vault.available ? (
        <p className="settings-note" data-testid="bucket-vault-note">
          <Icon name="alert" size={14} />
          <span>The system keychain isn’t available (see the notice above), so Loomcast can’t keep the bucket’s secret key: saving will fail until it is.</span>
        </p>
      ) : null}

      <form
        className="bucket-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="bucket-grid">
          <Field
            field="endpoint"
            label="Endpoint"
            type="url"
            value={form.endpoint}
            error={errors.endpoint}
            placeholder="https://s3.eu-central-1.amazonaws.com"
            help="Your provider’s S3 address: AWS, Cloudflare R2, Backblaze B2, Wasabi, MinIO…"
            onChange={(endpoint) => set({ endpoint })}
          />
          <Field
            field="region"
            label="Region"
            value={form.region}
            error={errors.region}
            placeholder="us-east-1"
            help="Use us-east-1 if your provider has none."
            onChange={(region) => set({ region })}
          />
          <Field field="bucket" label="Bucket name" value={form.bucket} error={errors.bucket} placeholder="my-loomcast-media" onChange={(name) => set({ bucket: name })} />
          <Field field="accessKeyId" label="Access key ID" value={form.accessKeyId} error={errors.accessKeyId} onChange={(accessKeyId) => set({ accessKeyId })} />
          <Field
            field="secretAccessKey"
            label="Secret access key"
            type="password"
            value={form.secretAccessKey}
            error={errors.secretAccessKey}
            placeholder={bucket.hasSecret ? 'Stored: leave empty to keep it' : 'Kept in your keychain'}
            onChange={(secretAccessKey) => set({ secretAccessKey })}
          />
        </div>
        <CheckWithHint className="checkbox" label="Path-style addresses" hintId="bucket-path-style-hint" hint="The bucket name goes in the path; most services other than AWS want this.">
          {(aria) => <input id="bucket-path-style" type="checkbox" data-testid="bucket-path-style" checked={form.forcePathStyle} onChange={(e) => set({ forcePathStyle: e.target.checked })} {...aria} />}
        </CheckWithHint>

        <div className="bucket-actions">
          <button type="submit" className="btn btn-primary" data-testid="bucket-save" disabled={busy !== null || !changed}>
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="bucket-test"
            disabled={busy !== null || !bucket.configured || changed}
            title={!bucket.configured ? 'Save the bucket and its secret key first' : changed ? 'Save your changes first: the test uses the saved settings' : undefined}
            onClick={() => void test()}
          >
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <span className="bucket-actions-spacer" />
          {stored(bucket) && !confirming ? (
            <button
              ref={removeButton}
              type="button"
              className="btn btn-quiet-danger"
              data-testid="bucket-clear"
              disabled={busy !== null}
              onClick={() => {
                setOutcome(null);
                setConfirming(true);
              }}
            >
              <Icon name="trash" />
              Remove
            </button>
          ) : null}
        </div>
      </form>

      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="bucket-clear-title" data-testid="bucket-clear-confirm">
          <p id="bucket-clear-title">
            <strong>Remove the media bucket?</strong> Loomcast forgets its address and deletes the secret key from your keychain. Files already in the bucket stay there. Posts with media for
            Instagram, Threads, Pinterest or TikTok can’t go out until you set up a bucket again.
          </p>
          <div className="confirm-actions">
            <button type="button" className="btn btn-danger" data-testid="bucket-clear-yes" disabled={busy !== null} onClick={() => void clear()}>
              {busy === 'clear' ? 'Removing…' : 'Remove bucket'}
            </button>
            <button
              ref={keep}
              type="button"
              className="btn"
              data-testid="bucket-clear-no"
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => removeButton.current?.focus());
              }}
            >
              Keep it
            </button>
          </div>
        </div>
      ) : null}

      {problem ? <ProblemNote problem={problem} testId="bucket-problem" /> : null}
      <div className="bucket-outcome" role="status" data-testid="bucket-outcome">
        {outcome?.kind === 'saved' ? (
          <p className="ok-text" data-testid="bucket-saved">
            <Icon name="check" size={14} /> {outcome.words}
          </p>
        ) : null}
        {outcome?.kind === 'removed' ? <p className="muted">Removed. The secret key was deleted from your keychain.</p> : null}
        {outcome?.kind === 'tested' ? (
          <>
            <p className="ok-text" data-testid="bucket-test-ok">
              <Icon name="check" size={14} /> Connection works: Loomcast wrote a test file to the bucket, read it back through a temporary link and deleted it.
            </p>
            {outcome.warnings.length > 0 ? (
              <div className="bucket-warnings" data-testid="bucket-warnings">
                <p className="bucket-warnings-title">
                  <Icon name="alert" size={14} /> But:
                </p>
                <ul>
                  {outcome.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </>
        ) : null}
      </div>
    </>
  );
}

/**
 * Settings → Media bucket. Instagram, Threads, Pinterest and TikTok fetch media from a link
 * instead of taking an upload, so media goes to the creator's own S3-compatible bucket first.
 * The address and key id live in the database; the secret key in the keychain, never shown.
 */
export function MediaBucket() {
  const { bucket, problem } = useBucket();
  return (
    <section className="card media-bucket" aria-labelledby="settings-bucket" data-testid="bucket-section">
      <h2 id="settings-bucket" className="card-title">
        Media bucket
      </h2>
      <p className="setting-help bucket-intro">
        Instagram, Threads, Pinterest and TikTok fetch each image or video from a public link instead of taking an upload, so Loomcast puts your media in a storage bucket of your own (any
        S3-compatible service) and hands them a temporary link to it.
      </p>
      {problem ? <ProblemNote problem={problem} testId="bucket-problem" /> : null}
      {bucket === null && !problem ? <p className="muted">Reading the bucket settings…</p> : null}
      {bucket ? <BucketForm bucket={bucket} /> : null}
    </section>
  );
}
