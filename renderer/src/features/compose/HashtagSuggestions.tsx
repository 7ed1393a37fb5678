import { useId, useState } from 'react';
import type { HashtagSuggestionsDto } from '../../../../shared/contract/features/hashtags';
import type { Platform } from '../../../../shared/domain/platforms';
import { extractHashtags } from '../../../../shared/text-rules';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import './hashtags.css';

/** The text with ` #tag` on the end (no doubled space after a line or a space already there). */
export function appendTag(text: string, tag: string): string {
  if (text === '') return `#${tag}`;
  return /\s$/.test(text) ? `${text}#${tag}` : `${text} #${tag}`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * "Suggest hashtags": the creator's own tags from their published posts (how many posts each
 * rests on, how those did) beside their model's, each with its reason. A click adds the tag to
 * the post. The model is asked only when one is set up in Settings → Writing.
 */
export function HashtagSuggestions({ text, platforms, onText }: { text: string; platforms: Platform[]; onText: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  const [result, setResult] = useState<HashtagSuggestionsDto | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const ask = async () => {
    setOpen(true);
    setLoading(true);
    setProblem(null);
    try {
      setResult(await api.call('hashtags:suggest', { text, ...(platforms.length ? { platforms } : {}) }));
    } catch (err) {
      setResult(null);
      setProblem(toProblem(err));
    } finally {
      setLoading(false);
    }
  };

  // A tag the creator has added since (or typed) is no longer offered.
  const present = new Set(extractHashtags(text).map((t) => t.toLocaleLowerCase('en-US')));
  const fresh = <T extends { tag: string }>(list: T[]) => list.filter((s) => !present.has(s.tag.toLocaleLowerCase('en-US')));
  const add = (tag: string) => onText(appendTag(text, tag));

  return (
    <div className="hashtags" data-testid="hashtags">
      <button type="button" className="btn btn-small" data-testid="hashtags-suggest" onClick={() => void ask()} disabled={loading} aria-expanded={open}>
        {result && open ? 'Suggest hashtags again' : 'Suggest hashtags'}
      </button>
      {open ? (
        <section className="hashtags-panel" aria-label="Hashtag suggestions" data-testid="hashtags-panel" aria-busy={loading}>
          <div className="hashtags-panel-head">
            {loading ? (
              <p className="muted" data-testid="hashtags-loading" role="status">
                Looking through your published posts, and asking your model if one is set up…
              </p>
            ) : (
              <span />
            )}
            <button type="button" className="btn btn-ghost btn-small" data-testid="hashtags-close" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          {problem ? <ProblemNote problem={problem} testId="hashtags-problem" /> : null}
          {result && !loading ? (
            <>
              <TagGroup
                testId="hashtags-history"
                title={`From your posts (based on ${plural(result.basedOn, 'post')})`}
                note={result.floorNote}
                empty={result.basedOn === 0 ? 'No published posts yet: once your posts go out, their hashtags show here.' : 'No other hashtags on your published posts.'}
                items={fresh(result.history.filter((h) => h.ranked))}
                itemsTitle="Ranked by the median engagement of your posts that carried them"
                later={fresh(result.history.filter((h) => !h.ranked))}
                laterTitle={result.floorNote ? 'By how often you used them' : 'Too few posts to judge yet, by how often you used them'}
                onAdd={add}
              />
              <TagGroup
                testId="hashtags-model"
                title={result.where ? `From your model, ${result.where}` : 'From a model'}
                empty={result.modelNote ?? 'Nothing new from your model for these words.'}
                items={fresh(result.model)}
                onAdd={add}
              />
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

interface TagItem {
  tag: string;
  reason: string;
}

/**
 * One source of tags: a note above when there is one (why nothing is ranked yet), the ranked tags,
 * then, apart and greyed, those listed only by how often they were used; each with its reason.
 */
function TagGroup(props: { testId: string; title: string; note?: string | null; empty: string; items: TagItem[]; itemsTitle?: string; later?: TagItem[]; laterTitle?: string; onAdd: (tag: string) => void }) {
  const { testId, title, note, empty, items, itemsTitle, later = [], laterTitle, onAdd } = props;
  return (
    <div className="hashtags-group" data-testid={testId}>
      <h3 className="hashtags-group-title">{title}</h3>
      {note ? (
        <p className="hashtags-floor" data-testid={`${testId}-floor`}>
          {note}
        </p>
      ) : null}
      {items.length === 0 && later.length === 0 ? (
        <p className="muted hashtags-empty" data-testid={`${testId}-note`}>
          {empty}
        </p>
      ) : null}
      {items.length > 0 ? <TagList testId={`${testId}-ranked`} title={itemsTitle} items={items} onAdd={onAdd} /> : null}
      {later.length > 0 ? <TagList testId={`${testId}-unranked`} title={laterTitle} items={later} onAdd={onAdd} unranked /> : null}
    </div>
  );
}

function TagList({ testId, title, items, onAdd, unranked = false }: { testId: string; title?: string; items: TagItem[]; onAdd: (tag: string) => void; unranked?: boolean }) {
  const id = useId();
  return (
    <div className="hashtags-sublist" data-testid={testId}>
      {title ? <h4 className="hashtags-list-title muted">{title}</h4> : null}
      <ul className="hashtags-list">
        {items.map((s, i) => (
          <li key={s.tag} className={`hashtags-item${unranked ? ' hashtags-item-unranked' : ''}`} data-testid="hashtag-suggestion" data-tag={s.tag}>
            <button type="button" className="hashtag-chip" data-testid="hashtag-chip" title={`Add #${s.tag}: ${s.reason}`} aria-describedby={`${id}-${i}`} onClick={() => onAdd(s.tag)}>
              #{s.tag}
            </button>
            <span id={`${id}-${i}`} className="hashtags-reason muted" data-testid="hashtag-reason">
              {s.reason}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
