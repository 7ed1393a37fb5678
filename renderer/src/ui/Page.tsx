import type { ReactNode } from 'react';

/**
 * The standard screen layout: a heading with an optional note and actions, then the content. The
 * heading can take the focus (not by Tab) when a move to the screen leaves the keyboard nowhere.
 */
export function Page({ title, note, actions, children, testId }: { title: string; note?: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="page" aria-labelledby="page-title" data-testid={testId}>
      <header className="page-header">
        <div>
          <h1 id="page-title" tabIndex={-1}>
            {title}
          </h1>
          {note ? <p className="page-note">{note}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      <div className="page-body">{children}</div>
    </section>
  );
}
