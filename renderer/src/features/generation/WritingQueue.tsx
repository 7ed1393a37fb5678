import { useEffect, useRef } from 'react';
import { useZone } from '../../data/useAppData';
import { useNow } from '../../data/useNow';
import { clockTime } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { isActive, setQueueOpen, sortedJobs, startGenerationFeed, useGenerationStore } from './generation.store';
import { QueueJob } from './QueueJob';
import './generation.css';

/**
 * "Writing" in the top bar: how many jobs wait for or hold the model, and the queue itself in a
 * panel — newest first, each with its state in words, its priority, and what can be done with it.
 */
export function WritingQueue() {
  const jobs = useGenerationStore((s) => s.jobs);
  const texts = useGenerationStore((s) => s.texts);
  const loaded = useGenerationStore((s) => s.loaded);
  const open = useGenerationStore((s) => s.open);
  const zone = useZone();
  const now = useNow();
  const button = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const list = sortedJobs(jobs);
  const active = list.filter(isActive).length;

  useEffect(() => startGenerationFeed(), []);

  useEffect(() => {
    if (!open) return;
    heading.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      setQueueOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const close = () => {
    setQueueOpen(false);
    button.current?.focus();
  };

  return (
    <div className="writing-queue">
      <button
        ref={button}
        type="button"
        className="btn writing-queue-button"
        data-testid="writing-queue-button"
        aria-expanded={open}
        aria-controls="writing-queue-panel"
        aria-label={active > 0 ? `Writing: ${active} waiting or being written` : 'Writing: nothing waiting'}
        onClick={() => setQueueOpen(!open)}
      >
        <Icon name="compose" size={16} />
        Writing
        {active > 0 ? (
          <span className="writing-queue-badge" data-testid="writing-queue-count" aria-hidden="true">
            {active > 99 ? '99+' : active}
          </span>
        ) : null}
      </button>
      {open ? (
        <aside id="writing-queue-panel" className="writing-queue-panel" role="dialog" aria-labelledby="writing-queue-title" data-testid="writing-queue">
          <header className="writing-queue-head">
            <h2 id="writing-queue-title" ref={heading} tabIndex={-1}>
              Writing queue
            </h2>
            <button type="button" className="btn btn-icon" data-testid="writing-queue-close" aria-label="Close the writing queue" onClick={close}>
              <Icon name="close" size={16} />
            </button>
          </header>
          <p className="writing-queue-help muted">Newest first. Higher priority is written first; times are in {zone}.</p>
          {!loaded ? (
            <p className="writing-queue-empty">Reading the queue…</p>
          ) : list.length === 0 ? (
            <p className="writing-queue-empty" data-testid="writing-queue-empty">
              Nothing is being written. Ask for variants in the Library, or use “Write with my model” on a draft in Review; the jobs show here while your model writes them.
            </p>
          ) : (
            <ul className="writing-queue-list" aria-label="Jobs">
              {list.map((job) => (
                <QueueJob key={job.id} job={job} texts={texts[job.id]} nowMs={now} clock={(ms) => clockTime(ms, zone)} />
              ))}
            </ul>
          )}
        </aside>
      ) : null}
    </div>
  );
}
