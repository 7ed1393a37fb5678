import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';
import { plural } from '../../lib/format';
import { ProblemNote } from '../../ui/ProblemNote';
import { fileSize } from '../../lib/file-size';

/** What the media folder holds, and what no post uses any more (it goes on its own; docs/data-safety.md). */
export function MediaUsage() {
  const [usage, setUsage] = useState<ChannelOutput<'media:usage'> | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    let live = true;
    api.call('media:usage', {}).then(
      (u) => live && setUsage(u),
      (err: unknown) => live && setProblem(toProblem(err)),
    );
    return () => {
      live = false;
    };
  }, []);
  if (problem) return <ProblemNote problem={problem} />;
  if (!usage) return <span className="muted">Counting…</span>;
  const rule = 'A file no post uses any more is removed a week after, once no backup needs it.';
  return (
    <span data-testid="settings-media-usage">
      {usage.files === 0 ? 'No media files yet.' : `${plural(usage.files, 'file')}, ${fileSize(usage.bytes)}.`}{' '}
      {usage.unused.files > 0 ? `${plural(usage.unused.files, 'file')} (${fileSize(usage.unused.bytes)}) no post uses any more. ` : ''}
      <span className="setting-help">{rule}</span>
    </span>
  );
}
