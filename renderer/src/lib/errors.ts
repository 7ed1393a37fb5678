import { AppError } from '../../../shared/contract/errors';
import type { InputIssue } from '../../../shared/contract';

/** An error as the creator sees it: what happened and what to do, with the raw words aside. */
export interface Problem {
  message: string;
  details?: string;
}

export function toProblem(err: unknown): Problem {
  if (err instanceof AppError) {
    if (err.code === 'internal') {
      return { message: 'Loomcast could not finish that. Your work is safe; try again, and if it keeps happening, the details below help us fix it.', details: err.details ?? err.message };
    }
    return { message: err.message, ...(err.details ? { details: err.details } : {}) };
  }
  const raw = err instanceof Error ? err.message : String(err);
  return { message: 'Loomcast could not finish that. Your work is safe; try again.', details: raw };
}

/**
 * Splits a core error into messages for named form fields and one for the whole form.
 * `fieldOf` maps an issue path (e.g. ['schedule', 'date']) to a field name, or null.
 */
export function splitIssues<F extends string>(err: unknown, fieldOf: (path: InputIssue['path']) => F | null): { fields: Partial<Record<F, string>>; form: Problem | null } {
  const fields: Partial<Record<F, string>> = {};
  // Bad input and failed pre-flight gates both name the field each problem is in.
  if (err instanceof AppError && (err.code === 'invalid_input' || err.code === 'gate_failed') && err.issues?.length) {
    const leftover: string[] = [];
    for (const issue of err.issues) {
      const field = fieldOf(issue.path);
      if (field && !fields[field]) fields[field] = issue.message;
      else if (!field) leftover.push(issue.message);
    }
    return { fields, form: leftover.length ? { message: leftover.join(' ') } : null };
  }
  return { fields, form: toProblem(err) };
}
