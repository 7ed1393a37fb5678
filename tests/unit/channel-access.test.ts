import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, ERROR_CODES, HTTP_STATUS } from '../../shared/contract';
import { CHANNEL_ACCESS, SCOPE_ALLOWS, scopeAllows } from '../../shared/contract/access';

describe('the channel access table', () => {
  it('classifies every channel of the contract, and nothing else', () => {
    const missing = CHANNEL_NAMES.filter((c) => !(c in CHANNEL_ACCESS));
    expect(missing, 'channels with no access class in shared/contract/access.ts').toEqual([]);
    const unknown = Object.keys(CHANNEL_ACCESS).filter((c) => !(CHANNEL_NAMES as string[]).includes(c));
    expect(unknown, 'access classes for channels the contract does not declare').toEqual([]);
    for (const c of CHANNEL_NAMES) expect(['read', 'draft', 'write', 'admin'], c).toContain(CHANNEL_ACCESS[c]);
  });

  it('keeps secrets, tokens, settings changes, backups and the workspace for the app itself', () => {
    for (const c of ['apiTokens:list', 'apiTokens:create', 'apiTokens:revoke', 'settings:update', 'writing:setKey', 'webhooks:secret', 'backups:restore', 'workspace:replace', 'desktop:moveDataFolder', 'io:feedEnable', 'accounts:connect'] as const) {
      expect(CHANNEL_ACCESS[c], c).toBe('admin');
    }
  });

  it('lets no token scope reach an admin channel, and each scope only its classes', () => {
    expect(Object.values(SCOPE_ALLOWS).some((allowed) => allowed.includes('admin'))).toBe(false);
    expect(scopeAllows('read', 'posts:list')).toBe(true);
    expect(scopeAllows('read', 'posts:create')).toBe(false);
    expect(scopeAllows('drafts', 'posts:create')).toBe(true);
    expect(scopeAllows('drafts', 'posts:reschedule')).toBe(false);
    expect(scopeAllows('drafts', 'review:approve')).toBe(false);
    expect(scopeAllows('drafts', 'review:approveAll')).toBe(false);
    expect(scopeAllows('full', 'compose:publishNow')).toBe(true);
    expect(scopeAllows('full', 'apiTokens:create')).toBe(false);
  });

  it("keeps the import's previews from tokens that may not import: they read media files on this computer by path", () => {
    for (const c of ['io:importPreview', 'io:importCheck'] as const) {
      expect(scopeAllows('read', c), c).toBe(false);
      expect(scopeAllows('drafts', c), c).toBe(false);
      expect(scopeAllows('full', c), c).toBe(true);
    }
  });

  it('answers a scope refusal with 403 forbidden', () => {
    expect(ERROR_CODES).toContain('forbidden');
    expect(HTTP_STATUS.forbidden).toBe(403);
  });
});
