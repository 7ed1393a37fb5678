import { usePostVersions } from '../../data/usePosts';
import { firstWords, relative } from '../../lib/format';

const SOURCES = { manual: 'Written by you', template: 'From a template', ai: 'Drafted with AI', import: 'Imported' } as const;

/** Every saved text of a post, newest first; each edit of the text adds one. */
export function VersionHistory({ id, current, now }: { id: string; current: number; now: number }) {
  const versions = usePostVersions(id);
  if (!versions) return <p className="muted">Reading history…</p>;
  return (
    <ol className="version-list" data-testid="version-list">
      {versions.map((v) => (
        <li key={v.number} className="version" data-testid="version-item" data-version={v.number}>
          <div className="version-head">
            <span className="version-number">Version {v.number}</span>
            {v.number === current ? <span className="version-current">Current</span> : null}
            <span className="muted">
              {SOURCES[v.source]} · <time dateTime={v.createdAt}>{relative(Date.parse(v.createdAt), now)}</time>
            </span>
          </div>
          <p className="version-text">{firstWords(v.text, 140)}</p>
        </li>
      ))}
    </ol>
  );
}
