import { Fragment, type ReactNode } from 'react';
import { parseTemplate, variableKey } from '../../../../shared/domain/template-text';

const THREAD_BREAK = /\n[ \t]*---[ \t]*(?:\r?\n|$)/;

/**
 * The template as it will read: filled variables marked softly, unfilled ones standing out,
 * and each `---` line drawn as the start of the next post in the thread.
 */
export function TemplatePreview({ body, values }: { body: string; values: Record<string, string> }) {
  const byKey = new Map(Object.entries(values).map(([k, v]) => [variableKey(k), v]));
  const nodes: ReactNode[] = [];
  let part = 1;
  parseTemplate(body).tokens.forEach((token, i) => {
    if (token.kind === 'var') {
      const value = byKey.get(token.key);
      nodes.push(
        value !== undefined && value.trim() !== '' ? (
          <mark key={i} className="tpl-filled" data-var={token.key}>
            {value}
          </mark>
        ) : (
          <mark key={i} className="tpl-missing" data-var={token.key}>
            {`{${token.raw}}`}
          </mark>
        ),
      );
      return;
    }
    token.text.split(THREAD_BREAK).forEach((segment, j) => {
      if (j > 0) {
        part++;
        nodes.push(
          <span key={`${i}-break-${j}`} className="tpl-thread-break" role="separator" aria-label={`Post ${part} of the thread`}>
            Post {part}
          </span>,
        );
      }
      nodes.push(<Fragment key={`${i}-${j}`}>{segment}</Fragment>);
    });
  });
  return (
    <div className="tpl-preview" data-testid="template-preview">
      {nodes}
    </div>
  );
}
