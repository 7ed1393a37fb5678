/**
 * Checks one import row and works out what it becomes: the instant, the copies (platform and
 * account), the media and the campaign. Every problem is named with the field it is in, in the
 * creator's words. Rows are independent of each other, so the preview can check one edited row
 * alone. (A duplicate guard, when it exists, is one more step here: it reads the plan.)
 */
import { DateTime } from 'luxon';
import type { ImportField, ImportIssueDto, ImportRowResultDto } from '../../../../shared/contract/features/io';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import type { DateFormat } from '../../../../shared/domain/datetime-format';
import { formatInstant } from '../../../../shared/domain/time';
import { parseTemplate } from '../../../../shared/domain/template-text';
import { mediaRuleProblems } from '../../../../shared/domain/preflight';
import type { AccountsResult, KnownAccount, PlannedTarget } from './accounts-ref';
import type { FeaturesOf } from './capabilities';
import type { MeasureProblems } from './check-cache';
import type { LocalResolver } from './local-resolver';
import { splitMediaList, type MediaCheck, type MediaFile } from './media-files';
import { parseWhen } from './when';

export interface CheckContext {
  now: number;
  /** The zone of rows that name none. */
  zone: string;
  dateOrder: 'dmy' | 'mdy';
  /** How a row's time reads back in a message (the creator's locale and clock). */
  format: DateFormat;
  accounts: readonly KnownAccount[];
  /** Campaigns by lowercased name; a name two campaigns share is ambiguous. */
  campaigns: ReadonlyMap<string, { id: string; name: string }[]>;
  inspectMedia: (raw: string) => MediaCheck;
  features: FeaturesOf;
  /** resolveLocal and the zone checks (local-resolver.ts), with Intl formatters kept for the whole check. */
  resolveLocal: LocalResolver;
  isKnownZone: (zone: string) => boolean;
  zoneProblem: (zone: string) => string | null;
  /** resolveAccounts over ctx.accounts, remembered per cell: a file names a handful of account lists. */
  resolveAccounts: (cell: string) => AccountsResult;
  /** measure(platform, text).problems, remembered per text and platform (check-cache.ts). */
  measure: MeasureProblems;
}

export interface RowPlan {
  epochMs: number;
  zone: string;
  text: string;
  targets: PlannedTarget[];
  media: { file: MediaFile; altText: string | null }[];
  firstComment: string | null;
  campaignId: string | null;
  /** The duplicate guard's fingerprint of the words, when the commit's guard worked it out: stored with the copies. */
  print?: string;
}

export interface RowInput {
  line: number;
  fields: ImportRowResultDto['fields'];
  skip: boolean;
}

/** The post's words: the text, then the link on a line of its own unless the text has it already. */
export function postText(text: string, link: string): string {
  const body = text.trim();
  const url = link.trim();
  if (!url || body.includes(url)) return body;
  return body ? `${body}\n\n${url}` : url;
}

const isWebLink = (s: string) => {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};

const blanksIn = (text: string) => parseTemplate(text).variables.map((v) => `{${v.label}}`);
const hasBlanks = (text: string) => text.includes('{') && blanksIn(text).length > 0;

/** measure() names the platform in some problems and not others; say it once, up front. */
const onPlatform = (platform: PlannedTarget['platform'], problem: string, what = '') => {
  const name = PLATFORM_NAMES[platform];
  return problem.includes(name) ? `${what}${problem}` : `${name}: ${what}${problem}`;
};

/** The longest text any platform takes is Facebook's 63,206 characters; a cell past this is certainly too long. */
export const LONGEST_POST = 63_206;
const tooLong = (what: string, length: number) =>
  `${what} is ${length.toLocaleString('en')} characters long; the longest post any platform takes is ${LONGEST_POST.toLocaleString('en')} (Facebook). Shorten it or split it into a thread.`;

export function checkRow(row: RowInput, ctx: CheckContext): { result: ImportRowResultDto; plan: RowPlan | null } {
  const { fields } = row;
  const errors: ImportIssueDto[] = [];
  const warnings: ImportIssueDto[] = [];
  const error = (field: ImportField, message: string) => {
    if (!errors.some((e) => e.field === field && e.message === message)) errors.push({ field, message });
  };
  const warn = (field: ImportField, message: string) => {
    if (!warnings.some((w) => w.field === field && w.message === message)) warnings.push({ field, message });
  };

  // When, in which zone.
  // A zone the row names is new input and must be a real one; the import's own zone (the
  // creator's, from Settings) is taken as stored, even an abbreviation from an older version.
  const named = fields.zone.trim();
  const zone = named || ctx.zone;
  let epochMs: number | null = null;
  const zoneRefusal = named ? ctx.zoneProblem(named) : ctx.isKnownZone(zone) ? null : `“${zone}” is not a time zone Loomcast knows: use a name like Europe/Berlin or America/New_York.`;
  if (zoneRefusal) {
    error('zone', zoneRefusal);
  } else {
    const when = parseWhen(fields.when, zone, ctx.dateOrder, ctx.resolveLocal);
    if (!when.ok) for (const m of when.messages) error('when', m);
    else {
      epochMs = when.epochMs;
      // Formatting a time costs more than the rest of the date check: only for a message.
      if (when.epochMs <= ctx.now) error('when', `${formatInstant(when.epochMs, zone, { withYear: true, format: ctx.format })} (${zone}) is in the past. Pick a time in the future.`);
      if (when.ambiguous && when.local) {
        warn('when', `${ctx.format.time(when.epochMs, zone)} happens twice on ${ctx.format.day(when.epochMs, zone, { withYear: true })} in ${zone} (the clocks go back): Loomcast takes the first one, at UTC${DateTime.fromMillis(when.epochMs, { zone }).toFormat('ZZ')}.`);
      }
    }
  }

  // The words.
  const link = fields.link.trim();
  const linkOk = link !== '' && isWebLink(link);
  if (link && !linkOk) error('link', `“${link}” is not a web address: write the full link, starting with https://.`);
  const text = postText(fields.text, linkOk ? link : '');
  if (!fields.text.trim() && !text) error('text', 'The text is empty: write the post.');
  // Over-long cells are named once and not measured: no platform would take them.
  const textTooLong = text.length > LONGEST_POST * 2;
  if (textTooLong) error('text', tooLong('The text', text.length));

  // Where it goes.
  const accounts = ctx.resolveAccounts(fields.accounts);
  for (const m of accounts.errors) error('accounts', m);
  for (const m of accounts.warnings) warn('accounts', m);

  // Media and alt text.
  const paths = splitMediaList(fields.media);
  const media: RowPlan['media'] = [];
  for (const p of paths) {
    const checked = ctx.inspectMedia(p);
    if (!checked.ok) error('media', checked.message);
    else media.push({ file: checked.file, altText: null });
  }
  const alts = paths.length <= 1 ? [fields.altText.trim()].filter(Boolean) : splitMediaList(fields.altText);
  if (alts.length > paths.length) {
    error('altText', paths.length === 0 ? 'There is alt text but no media: add the media path, or clear the alt text.' : `There are ${alts.length} alt texts for ${paths.length} media files: give one per file, separated by |, in the same order.`);
  }
  if (media.length === paths.length) {
    media.forEach((m, i) => {
      m.altText = alts[i] ?? null;
      if (m.file.kind === 'image' && !m.altText) {
        error('altText', `Missing alt text for ${m.file.name}: describe the photo for people who can't see it${paths.length > 1 ? ' (one per file, separated by |)' : ''}.`);
      }
    });
  }

  // Each platform's own rules.
  const comment = fields.firstComment.trim();
  const commentTooLong = comment.length > LONGEST_POST * 2;
  if (commentTooLong) error('firstComment', tooLong('The first comment', comment.length));
  const images = media.filter((m) => m.file.kind === 'image').length;
  const videos = media.length - images;
  const blanks = text && !textTooLong && hasBlanks(text) ? blanksIn(text).join(', ') : '';
  for (const t of accounts.targets) {
    const name = PLATFORM_NAMES[t.platform];
    const f = ctx.features(t.platform);
    if (f.requiresMedia && paths.length === 0) error('media', `${name} needs a photo or video: add a media path.`);
    if (images > 0 && !f.images) error('media', `${name} takes no photos: use a video, or leave ${name} out of this row.`);
    if (videos > 0 && !f.video) error('media', `${name} takes no video here: use photos, or leave ${name} out of this row.`);
    if (f.images && images > f.maxImages) error('media', `${name} takes at most ${f.maxImages} photo${f.maxImages === 1 ? '' : 's'} in a post; this row has ${images}.`);
    // The platform's own media rules (types, sizes, what goes alone), as the pre-flight applies them at the commit.
    if (media.length > 0) {
      const facts = media.map((m) => ({ mime: m.file.mime, bytes: m.file.bytes, altText: m.altText, durationMs: m.file.durationMs ?? null, width: m.file.width ?? null, height: m.file.height ?? null }));
      for (const p of mediaRuleProblems(t.platform, facts, { takesImages: f.images, takesVideo: f.video, maxImages: f.maxImages })) error(p.field.startsWith('media') ? 'media' : 'altText', p.message);
    }
    if (text && !textTooLong) for (const p of ctx.measure(t.platform, text)) error('text', onPlatform(t.platform, p));
    if (blanks) error('text', `${name}: the text still has blanks to fill in (${blanks}). Fill them in, or import it as a draft and use a template.`);
    if (comment && !commentTooLong) {
      if (!f.firstComment) warn('firstComment', `${name} takes no first comment: it is left out there.`);
      else for (const p of ctx.measure(t.platform, comment)) error('firstComment', onPlatform(t.platform, p, 'first comment: '));
    }
  }

  // The campaign, by name.
  const campaignName = fields.campaign.trim();
  let campaignId: string | null = null;
  if (campaignName) {
    const found = ctx.campaigns.get(campaignName.toLowerCase()) ?? [];
    if (found.length === 1) campaignId = found[0]!.id;
    else if (found.length > 1) error('campaign', `${found.length} campaigns are called “${campaignName}”: rename one of them in Campaigns first.`);
    else {
      const names = [...ctx.campaigns.values()].flat().map((c) => `“${c.name}”`);
      const known = names.length ? ` Your campaigns: ${names.slice(0, 8).join(', ')}${names.length > 8 ? '…' : ''}.` : ' You have no campaigns yet: leave the column empty.';
      error('campaign', `No campaign is called “${campaignName}”.${known}`);
    }
  }

  const result: ImportRowResultDto = {
    line: row.line,
    fields,
    skip: row.skip,
    errors,
    warnings,
    at: epochMs === null ? null : new Date(epochMs).toISOString(),
    zone,
    targets: accounts.targets,
    mediaCount: paths.length,
  };
  const plan: RowPlan | null =
    errors.length === 0 && epochMs !== null ? { epochMs, zone, text, targets: accounts.targets, media, firstComment: comment || null, campaignId } : null;
  return { result, plan };
}
