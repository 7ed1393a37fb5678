import { randomUUID } from 'node:crypto';
import { AppError, type ChannelParsedInput } from '../../../../shared/contract';
import type { TemplateDto, TemplateRenderDto } from '../../../../shared/contract/features/library';
import { parseTemplate, renderTemplate } from '../../../../shared/domain/template-text';
import type { FeatureDeps } from '../types';
import type { TemplateRow, TemplatesRepo } from './templates-repo';

const iso = (ms: number) => new Date(ms).toISOString();

export function toTemplate(row: TemplateRow): TemplateDto {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    description: row.description,
    body: row.body,
    builtin: row.builtin === 1,
    variables: parseTemplate(row.body).variables.map((v) => v.key),
    useCount: row.use_count,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deletedAt: row.deleted_at === null ? null : iso(row.deleted_at),
  };
}

const GONE = 'That template no longer exists. It may have been deleted in another window.';

/** The creator's own templates change; the ones Loomcast ships are only read and copied. */
export function createTemplatesService({ db, audit, events, clock }: Pick<FeatureDeps, 'db' | 'audit' | 'events' | 'clock'>, repo: TemplatesRepo) {
  /** Any template, deleted ones included: posts made from them still name them. */
  const mustGet = (id: string): TemplateRow => {
    const row = repo.get(id);
    if (!row) throw new AppError('not_found', GONE);
    return row;
  };

  /** A template the creator can still use or change. */
  const mustGetLive = (id: string): TemplateRow => {
    const row = mustGet(id);
    if (row.deleted_at !== null) throw new AppError('not_found', `“${row.name}” was deleted, so it can’t be used or changed any more.`);
    return row;
  };

  const refuseBuiltin = (row: TemplateRow, verb: string) => {
    if (row.builtin === 1) {
      throw new AppError('conflict', `“${row.name}” comes with Loomcast and can’t be ${verb}. Duplicate it to make a version of your own.`);
    }
  };

  const checkBody = (body: string) => {
    const { problems } = parseTemplate(body);
    if (problems.length > 0) {
      throw new AppError('invalid_input', problems.map((p) => `Line ${p.line + 1}: ${p.message}`).join(' '), {
        issues: problems.map((p) => ({ path: ['body'], message: `Line ${p.line + 1}: ${p.message}` })),
      });
    }
  };

  const announce = (id: string) => events.emit('library:changed', { kind: 'template', ids: [id] });

  return {
    mustGet,
    mustGetLive,

    list(filter: ChannelParsedInput<'templates:list'>): TemplateDto[] {
      return repo.list(filter).map(toTemplate);
    },

    get(id: string): TemplateDto {
      return toTemplate(mustGet(id));
    },

    save(input: ChannelParsedInput<'templates:save'>): TemplateDto {
      checkBody(input.body);
      const fields = { name: input.name, category: input.category, description: input.description, body: input.body };
      const now = clock.now();
      let id = input.id;
      if (id) {
        const row = mustGetLive(id);
        refuseBuiltin(row, 'changed');
        db.transaction(() => {
          repo.update({ id: row.id, ...fields }, now);
          audit.record({ actor: 'user', action: 'template.update', entity: 'template', entityId: row.id, detail: { name: input.name, category: input.category } });
        })();
      } else {
        id = randomUUID();
        const newId = id;
        db.transaction(() => {
          repo.insert({ id: newId, ...fields }, now);
          audit.record({ actor: 'user', action: 'template.create', entity: 'template', entityId: newId, detail: { name: input.name, category: input.category } });
        })();
      }
      announce(id);
      return toTemplate(mustGet(id));
    },

    duplicate(sourceId: string): TemplateDto {
      const src = mustGetLive(sourceId);
      const id = randomUUID();
      const suffix = ' (copy)';
      const name = src.name.length + suffix.length > 80 ? `${src.name.slice(0, 80 - suffix.length - 1)}…${suffix}` : `${src.name}${suffix}`;
      db.transaction(() => {
        repo.insert({ id, name, category: src.category, description: src.description, body: src.body }, clock.now());
        audit.record({ actor: 'user', action: 'template.duplicate', entity: 'template', entityId: id, detail: { from: src.id } });
      })();
      announce(id);
      return toTemplate(mustGet(id));
    },

    delete(id: string): { id: string } {
      const row = mustGetLive(id);
      refuseBuiltin(row, 'deleted');
      db.transaction(() => {
        repo.softDelete(id, clock.now());
        audit.record({ actor: 'user', action: 'template.delete', entity: 'template', entityId: id, detail: { name: row.name } });
      })();
      announce(id);
      return { id };
    },

    render(id: string, values: Record<string, string>): TemplateRenderDto {
      return renderTemplate(mustGet(id).body, values);
    },
  };
}

export type TemplatesService = ReturnType<typeof createTemplatesService>;
