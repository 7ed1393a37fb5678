import { useEffect, useRef, useState } from 'react';
import type { PlatformCapabilitiesDto } from '../../../../shared/contract';
import { MAX_ALT_TEXT, mediaCapFor, PLATFORM_MEDIA } from '../../../../shared/domain/media-limits';
import type { Platform } from '../../../../shared/domain/platforms';
import type { GateProblem } from '../../../../shared/domain/preflight';
import { api } from '../../api/client';
import { toProblem } from '../../lib/errors';
import { platformList } from '../../lib/format';
import type { ComposeMedia } from './compose.store';
import { errorIdOf } from './compose-checks';
import type { FieldErrors } from './compose-form';
import { FieldError } from './FieldError';
import { ALT_REQUIRED, composeMediaOf, fileProblem, isImage, mediaNotes } from './mediaRules';
import { useThumbnail } from './preview/useThumbnail';

interface Props {
  media: ComposeMedia[];
  platforms: Platform[];
  caps: PlatformCapabilitiesDto[] | null;
  /** What a chosen platform would refuse in these media, in the core's words (compose-form.ts mediaGateProblems). */
  refusals: readonly GateProblem[];
  onChange: (media: ComposeMedia[]) => void;
  /** Problems found when the post was saved: under the media as a whole, and under an image's alt text. */
  errors?: FieldErrors;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

function Thumbnail({ item }: { item: ComposeMedia }) {
  const url = useThumbnail(item.hash, item.mime); // the tile shows a placeholder until (or unless) it loads
  if (!url) return <span className="media-thumb media-thumb-empty">{isImage(item.mime) ? '…' : 'Video'}</span>;
  return <img className="media-thumb" src={url} alt={item.altText} data-testid="compose-media-thumb" />;
}

/** "Threads takes at most 20 media files in one post;", naming the chosen platforms that take the most. */
function tooMany(platforms: Platform[], most: number): string {
  const top = platforms.filter((p) => PLATFORM_MEDIA[p].maxItems === most);
  if (top.length === 0) return `A post takes at most ${most} media files;`;
  return `${platformList(top)} take${top.length > 1 ? '' : 's'} at most ${most} media file${most === 1 ? '' : 's'} in one post;`;
}

/** Drop or choose images and videos; each gets a description (alt text) and a remove button. */
export function MediaTray({ media, platforms, caps, refusals, onChange, errors = {} }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [uploading, setUploading] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(media);
  useEffect(() => {
    latest.current = media;
  }, [media]);
  const strict = platforms.some((p) => ALT_REQUIRED.includes(p));
  // As many as the chosen platform that takes the most; each of the others refuses its excess (the pre-flight).
  const most = mediaCapFor(platforms);

  async function add(files: File[]) {
    setProblem(null);
    const room = most - latest.current.length;
    if (files.length > room) setProblem(`${tooMany(platforms, most)} the rest were left out.`);
    for (const file of files.slice(0, Math.max(0, room))) {
      const bad = fileProblem(file);
      if (bad) {
        setProblem(bad);
        continue;
      }
      setUploading((n) => n + 1);
      try {
        const info = await api.call('media:upload', { name: file.name, mime: file.type as 'image/png', dataBase64: await readBase64(file) });
        if (!latest.current.some((m) => m.hash === info.hash)) {
          latest.current = [...latest.current, composeMediaOf(info, file.name, '')];
          onChange(latest.current);
        }
      } catch (err) {
        setProblem(`${file.name}: ${toProblem(err).message}`);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  }

  const setAlt = (hash: string, altText: string) => onChange(media.map((m) => (m.hash === hash ? { ...m, altText } : m)));
  const remove = (hash: string) => onChange(media.filter((m) => m.hash !== hash));
  const notes = mediaNotes(media, platforms, caps);

  return (
    <section className="field media-tray" aria-label="Media" data-testid="compose-media">
      <h2 className="field-label">Media</h2>
      <div
        className="media-drop"
        data-over={over ? 'true' : undefined}
        data-testid="compose-media-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void add([...e.dataTransfer.files]);
        }}
      >
        <span className="muted">{uploading ? 'Uploading…' : 'Drop images or videos here (up to 7 MB each), or'}</span>
        <button
          type="button"
          id="compose-media-add"
          className="btn btn-small"
          data-testid="compose-media-add"
          disabled={media.length >= most}
          aria-invalid={errors.media ? true : undefined}
          aria-describedby={errors.media ? errorIdOf('media') : undefined}
          onClick={() => input.current?.click()}
        >
          Add media
        </button>
        <input
          ref={input}
          type="file"
          hidden
          multiple
          accept="image/jpeg,image/png,image/gif,image/webp,video/mp4,video/quicktime"
          data-testid="compose-media-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void add(files);
          }}
        />
      </div>
      <FieldError id={errorIdOf('media')} message={errors.media} />
      {problem ? (
        <p className="field-error" role="alert" data-testid="compose-media-problem">
          {problem}
        </p>
      ) : null}
      {media.length ? (
        <ul className="media-list">
          {media.map((m, i) => {
            const id = `compose-media-alt-${i}`;
            const altError = errors[`alt.${i}`];
            return (
              <li key={m.hash} className="media-item" data-testid="compose-media-item">
                <Thumbnail item={m} />
                <div className="media-item-body">
                  <div className="media-item-bar">
                    <label htmlFor={id} className="field-label">
                      Alt text for {isImage(m.mime) ? 'image' : 'video'} {i + 1}
                      {strict && isImage(m.mime) ? ' (required)' : ''}
                    </label>
                    <button type="button" className="btn btn-ghost btn-small" data-testid={`compose-media-remove-${i}`} aria-label={`Remove ${m.name || `item ${i + 1}`}`} onClick={() => remove(m.hash)}>
                      Remove
                    </button>
                  </div>
                  <textarea
                    id={id}
                    data-testid={id}
                    className="compose-override"
                    rows={2}
                    maxLength={MAX_ALT_TEXT}
                    placeholder="Describe what it shows for people who can't see it"
                    value={m.altText}
                    aria-invalid={altError ? true : undefined}
                    aria-describedby={altError ? errorIdOf(`alt.${i}`) : undefined}
                    onChange={(e) => setAlt(m.hash, e.target.value)}
                  />
                  <FieldError id={errorIdOf(`alt.${i}`)} message={altError} />
                  <span className="media-alt-count muted" data-testid={`compose-media-alt-count-${i}`}>
                    {m.altText.length}/{MAX_ALT_TEXT}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      {refusals.length && !errors.media ? (
        <ul className="media-notes" aria-label="What the platforms refuse in these media" data-testid="compose-media-refusals">
          {[...new Set(refusals.map((r) => r.message))].map((message) => (
            <li key={message} data-tone="warn" data-testid="compose-media-refusal">
              {message}
            </li>
          ))}
        </ul>
      ) : null}
      {notes.length ? (
        <ul className="media-notes" data-testid="compose-media-notes">
          {notes.map((n) => (
            <li key={n.text} data-tone={n.tone}>
              {n.text}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
