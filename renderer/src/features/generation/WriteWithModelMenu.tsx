import { useEffect, useRef, useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
import type { WritingStateDto } from '../../../../shared/contract/features/writing';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { showToast } from '../../app/ui.store';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';
import { useAccounts } from '../accounts/useAccounts';
import { textRules } from '../compose/Counters';
import { upsertJob } from './generation.store';
import './generation.css';

interface Item {
  key: string;
  label: string;
  task: 'rewrite' | 'shorten' | 'thread';
  platform?: Platform;
}

/** What the menu offers for this post: a rewrite per platform, a shorter copy where one is over its limit, a thread. */
function itemsFor(post: PostDto, connected: Platform[]): Item[] {
  const own = [...new Set(post.targets.map((t) => t.platform))];
  const others = [...new Set(connected)].filter((p) => !own.includes(p));
  const items: Item[] = [...own, ...others].map((p) => ({ key: `rewrite-${p}`, label: `Rewrite for ${PLATFORM_NAMES[p]}`, task: 'rewrite', platform: p }));
  for (const t of post.targets) {
    const m = textRules.measure(t.platform, t.textOverride ?? post.text);
    if (m.length > m.limit && !items.some((i) => i.key === `shorten-${t.platform}`)) {
      items.push({ key: `shorten-${t.platform}`, label: `Shorten to fit ${PLATFORM_NAMES[t.platform]} (${m.length - m.limit} over)`, task: 'shorten', platform: t.platform });
    }
  }
  items.push({ key: 'thread', label: 'Turn into a thread', task: 'thread' });
  return items;
}

/**
 * "Write with my model" on a post in Review: queues a new draft written from it — for another
 * platform, shorter, or as a thread. The post stays as it is; the new draft lands in Review.
 */
export function WriteWithModelMenu({ post }: { post: PostDto }) {
  const { accounts } = useAccounts();
  const [writing, setWriting] = useState<WritingStateDto | null>(null);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let live = true;
    void api.call('writing:get', {}).then((s) => live && setWriting(s), () => undefined);
    const off = api.subscribe('writing:changed', (s) => setWriting(s));
    return () => {
      live = false;
      off();
    };
  }, []);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  if (!writing) return null;
  if (!writing.provider) {
    return (
      <div className="write-menu" data-testid="write-menu">
        <button type="button" className="btn" data-testid="write-menu-button" disabled aria-describedby="write-menu-why">
          Write with my model
        </button>
        <p id="write-menu-why" className="write-menu-note muted" data-testid="write-menu-why">
          No model is set up. Pick one in{' '}
          <button type="button" className="btn-link" onClick={() => navigate('settings')}>
            Settings → Writing
          </button>{' '}
          to rewrite drafts with it.
        </p>
      </div>
    );
  }

  const items = itemsFor(
    post,
    (accounts ?? []).filter((a) => a.status === 'connected').map((a) => a.platform),
  );
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const queue = async (item: Item) => {
    close();
    setProblem(null);
    try {
      const job = await api.call('generation:rewrite', { postId: post.id, task: item.task, ...(item.platform ? { platform: item.platform } : {}) });
      upsertJob(job);
      showToast('Queued — the new draft will appear in Review');
    } catch (err) {
      setProblem(toProblem(err));
    }
  };
  const onMenuKey = (e: React.KeyboardEvent) => {
    const all = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    if (e.key === 'ArrowDown') next = all[(at + 1) % all.length];
    else if (e.key === 'ArrowUp') next = all[(at - 1 + all.length) % all.length];
    else if (e.key === 'Home') next = all[0];
    else if (e.key === 'End') next = all[all.length - 1];
    else if (e.key === 'Escape' || e.key === 'Tab') close();
    else if (e.key.length === 1 && !e.metaKey && !e.ctrlKey) {
      // Keep Review's single-key shortcuts (A, E, R) from acting while the menu is open.
      e.preventDefault();
      e.stopPropagation();
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
    next?.focus();
  };

  return (
    <div className="write-menu" data-testid="write-menu">
      <button
        ref={button}
        type="button"
        className="btn"
        data-testid="write-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="write-menu-items"
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Write with my model
      </button>
      {open ? (
        <ul
          id="write-menu-items"
          ref={menu}
          className="write-menu-items"
          role="menu"
          aria-label="Write with my model"
          onKeyDown={onMenuKey}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget !== button.current) setOpen(false);
          }}
        >
          {items.map((item) => (
            <li key={item.key} role="none">
              <button type="button" role="menuitem" tabIndex={-1} data-testid={`write-menu-${item.key}`} onClick={() => void queue(item)}>
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="write-menu-note muted" data-testid="write-menu-where">
        The new draft is written {writing.where} and waits in Review; this one stays as it is.
      </p>
      {problem ? <ProblemNote problem={problem} testId="write-menu-problem" /> : null}
    </div>
  );
}
