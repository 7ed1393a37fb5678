import { useRef, type KeyboardEvent } from 'react';
import { TEMPLATE_CATEGORIES, TEMPLATE_CATEGORY_LABELS, type TemplateCategory } from '../../../../shared/contract/features/library';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { libraryHref } from './library-route';
import { useLibraryStore } from './library.store';
import { useTemplateList } from './useTemplates';

const FILTERS: { value: TemplateCategory | 'all'; label: string }[] = [{ value: 'all', label: 'All' }, ...TEMPLATE_CATEGORIES.map((c) => ({ value: c, label: TEMPLATE_CATEGORY_LABELS[c] }))];

/** Search, a category filter and the matching templates; ↑ and ↓ move through them. */
export function TemplateList({ openId }: { openId: string | null }) {
  const query = useLibraryStore((s) => s.query);
  const category = useLibraryStore((s) => s.category);
  const { templates, problem, searching } = useTemplateList(query, category);
  const list = useRef<HTMLUListElement>(null);

  const onListKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('a.template-item') ?? [])];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = links[at + (e.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  const onSearchKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      list.current?.querySelector<HTMLAnchorElement>('a.template-item')?.focus();
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      useLibraryStore.setState({ query: '' });
    }
  };

  return (
    <div className="template-browser">
      <div className="template-browser-head">
        <label htmlFor="template-search" className="visually-hidden">
          Search templates
        </label>
        <div className="lib-search">
          <Icon name="search" className="lib-search-icon" />
          <input
            id="template-search"
            type="search"
            className="lib-input"
            data-testid="template-search"
            placeholder="Search templates"
            autoComplete="off"
            value={query}
            onChange={(e) => useLibraryStore.setState({ query: e.target.value })}
            onKeyDown={onSearchKey}
          />
        </div>
        <a href={libraryHref('templates', 'new')} className="btn btn-small" data-testid="template-new">
          <Icon name="plus" size={14} />
          New template
        </a>
      </div>

      <div className="lib-chip-group" role="group" aria-label="Category">
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            className="lib-chip"
            aria-pressed={category === f.value}
            data-testid={`template-category-${f.value}`}
            onClick={() => useLibraryStore.setState({ category: f.value })}
          >
            {f.label}
          </button>
        ))}
      </div>

      {problem ? <ProblemNote problem={problem} /> : null}

      <p className="visually-hidden" aria-live="polite">
        {templates && !searching ? `${templates.length} template${templates.length === 1 ? '' : 's'}` : ''}
      </p>

      {templates === null ? (
        <p className="muted">Loading templates…</p>
      ) : templates.length === 0 ? (
        <div className="library-empty" data-testid="template-empty">
          <p>{query.trim() ? `No template matches “${query.trim()}”.` : 'No templates in this category yet.'}</p>
          <a href={libraryHref('templates', 'new')} className="link">
            Write your own
          </a>
        </div>
      ) : (
        <ul className="template-list" ref={list} onKeyDown={onListKey} data-testid="template-list" aria-busy={searching}>
          {templates.map((t) => (
            <li key={t.id}>
              <a
                href={libraryHref('templates', t.id)}
                className="template-item"
                data-testid="template-item"
                data-template-id={t.id}
                aria-current={openId === t.id ? 'true' : undefined}
              >
                <span className="template-item-top">
                  <span className="template-item-name">{t.name}</span>
                  {t.builtin ? null : <span className="lib-tag">Yours</span>}
                </span>
                <span className="template-item-meta">
                  {TEMPLATE_CATEGORY_LABELS[t.category]}
                  {t.useCount > 0 ? ` · used ${t.useCount}×` : ''}
                </span>
                {t.description ? <span className="template-item-desc">{t.description}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
