/** Channels and events of the io feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant, PlatformSchema, Zone } from '../schemas';

/**
 * A year of posts for an agency's accounts is a few thousand rows; ten thousand import in well
 * under a second. Past twenty thousand, one file is too much to review row by row: split it.
 */
export const IMPORT_MAX_ROWS = 20_000;
/** Characters of CSV text one preview takes, checked before the file is read (the host accepts 10 MB bodies). */
export const IMPORT_MAX_CHARS = 8_000_000;
/** Rows checked between two progress reports of a preview. */
export const IMPORT_PROGRESS_STEP = 500;
/** How far back the subscription feed reaches; everything ahead is always in it. */
export const FEED_PAST_DAYS = 90;

/**
 * What one row of an import says, as text the creator can edit in the preview. Both CSV layouts
 * are read into these fields, so a fix made in the preview is checked exactly as the file was.
 */
export const IMPORT_FIELDS = ['when', 'zone', 'text', 'accounts', 'link', 'media', 'altText', 'firstComment', 'campaign'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const cell = (max: number, what: string) => z.string().max(max, `${what} is longer than Loomcast takes (${max.toLocaleString('en')} characters)`);

export const ImportFields = z.strictObject({
  /** "2026-12-01 09:30", "2026-12-01T09:30:00+01:00", or "01/12/2026 09:30" (see dateOrder). */
  when: cell(100, 'The date and time'),
  /** IANA zone for this row; empty means the import's zone. */
  zone: cell(64, 'The time zone'),
  /** Far longer than any platform takes, so an over-long text is a row error in the preview, not a refused request. */
  text: cell(2_000_000, 'The text'),
  /** "x; bluesky", "mastodon:@me@example.social", "@studio.bsky.social". */
  accounts: cell(2_000, 'The accounts list'),
  link: cell(2_048, 'The link'),
  /** File paths on this computer, separated by "|". */
  media: cell(8_000, 'The media list'),
  /** One alt text per media file, separated by "|". */
  altText: cell(20_000, 'The alt text'),
  firstComment: cell(2_000_000, 'The first comment'),
  campaign: cell(200, 'The campaign name'),
});

export const ImportOptions = z.strictObject({
  /** The zone of rows that name none; the creator's zone (Settings) when left out. */
  zone: Zone.optional(),
  /**
   * How slashed dates read, as Hootsuite's bulk composer asks: 31/12/2026 (dmy) or 12/31/2026
   * (mdy). Left out, the order of the creator's locale (Settings), as the Import screen starts with.
   */
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
  /** The folder that relative media paths start from, on the computer Loomcast runs on. */
  mediaFolder: z.string().trim().max(1_024, 'That folder path is too long').optional(),
});

const DEFAULT_OPTIONS = {};

export const ImportRowInput = z.strictObject({
  /** The row's first line in the file, so the creator can find it there. */
  line: z.number().int().min(1),
  fields: ImportFields,
  /** Skipped rows are left out of the import, whatever their errors. */
  skip: z.boolean().default(false),
});

const Rows = z
  .array(ImportRowInput)
  .min(1, 'There are no rows to import')
  .max(IMPORT_MAX_ROWS, `Import at most ${IMPORT_MAX_ROWS.toLocaleString('en')} rows at a time: split the file`);

export const ImportIssue = z.object({ field: z.enum([...IMPORT_FIELDS, 'row']), message: z.string() });

export const ImportRowResult = z.object({
  line: z.number().int(),
  fields: ImportFields,
  skip: z.boolean(),
  /** Any error keeps the whole import back until the row is fixed or skipped. */
  errors: z.array(ImportIssue),
  /** Worth knowing, never blocking (e.g. a time that happens twice when the clocks go back). */
  warnings: z.array(ImportIssue),
  /** When the post goes out, once the date and time are understood. */
  at: IsoInstant.nullable(),
  zone: z.string(),
  /** Where the post goes: each platform, and the account when one is known. */
  targets: z.array(z.object({ platform: PlatformSchema, accountId: Id.nullable(), label: z.string() })),
  mediaCount: z.number().int(),
});

/** How a file's columns were read; `field: null` columns are ignored (e.g. an export's state). */
export const ImportColumn = z.object({ header: z.string(), field: z.enum([...IMPORT_FIELDS, 'date', 'time']).nullable() });

export const ImportPreview = z.object({
  layout: z.enum(['loomcast', 'hootsuite']),
  /** The zone of rows that name none. */
  zone: z.string(),
  columns: z.array(ImportColumn),
  rows: z.array(ImportRowResult),
  /**
   * Names this check of these rows in the core, for io:importCommit: rows sent back unchanged
   * (same fields, same options, same accounts and campaigns) are not measured again; a row edited
   * since, or any row once the core has forgotten the token (a restart), is checked afresh.
   */
  token: z.string(),
});

export const ExportRange = z
  .strictObject({
    /** Only posts due at or after this instant. */
    from: IsoInstant.optional(),
    /** Only posts due before this instant. */
    to: IsoInstant.optional(),
  })
  .refine((r) => !r.from || !r.to || Date.parse(r.to) > Date.parse(r.from), { message: 'The range must end after it starts', path: ['to'] });

export const ExportFile = z.object({
  filename: z.string(),
  mime: z.string(),
  content: z.string(),
  /** Rows (CSV) or events (iCal) in the file. */
  count: z.number().int(),
});

export const FeedStatus = z.object({
  enabled: z.boolean(),
  createdAt: IsoInstant.nullable(),
  /** The last time a calendar app fetched the feed. */
  lastFetchedAt: IsoInstant.nullable(),
});

/** Only answered when a link is made: Loomcast keeps a fingerprint of the token, not the token. */
export const FeedLink = FeedStatus.extend({ path: z.string() });

const NoInput = z.strictObject({}).optional();

export const ioChannels = {
  /** Reads a CSV file (Loomcast's columns or Hootsuite's bulk-composer layout) and checks every row. Saves nothing. */
  'io:importPreview': {
    input: z.strictObject({
      csv: z
        .string()
        .max(IMPORT_MAX_CHARS, `That file is over ${(IMPORT_MAX_CHARS / 1e6).toLocaleString('en')} million characters (about ${IMPORT_MAX_CHARS / 1e6} MB): split it into smaller files`)
        .refine((s) => s.trim().length > 0, { message: 'The file is empty' }),
      layout: z.enum(['auto', 'loomcast', 'hootsuite']).default('auto'),
      /** Where rows that name no accounts go; Hootsuite's layout has no such column. */
      accounts: z.string().max(2_000, 'That accounts list is too long').default(''),
      options: ImportOptions.default(DEFAULT_OPTIONS),
      /** Names the preview in its io:importProgress reports ("checking" phase), so a window shows how far it got. */
      previewId: Id.optional(),
    }),
    output: ImportPreview,
  },
  /** Checks rows again after the creator edited them in the preview. Saves nothing. */
  'io:importCheck': {
    input: z.strictObject({ rows: Rows, options: ImportOptions.default(DEFAULT_OPTIONS) }),
    output: z.object({ rows: z.array(ImportRowResult) }),
  },
  /**
   * Imports every row not skipped, in one transaction: refused (invalid_input, with each row's
   * errors) unless every such row is valid. Media files are copied into the library first;
   * io:importProgress reports that, and io:importCancel stops it before anything is saved.
   */
  'io:importCommit': {
    input: z.strictObject({
      importId: Id,
      rows: Rows,
      options: ImportOptions.default(DEFAULT_OPTIONS),
      /** The preview's token: rows unchanged since that preview are not checked again. */
      previewToken: z.string().max(100).optional(),
    }),
    output: z.object({ posts: z.number().int(), targets: z.number().int(), skipped: z.number().int(), postIds: z.array(Id) }),
  },
  /** Stops a running import before anything is saved, or a named preview between chunks of rows (it then answers conflict). */
  'io:importCancel': { input: z.strictObject({ importId: Id }), output: z.object({ cancelled: z.boolean() }) },
  /** Every dated copy of every post as CSV rows in the import's own columns, soonest first. */
  'io:exportCsv': { input: ExportRange.optional(), output: ExportFile },
  /** Scheduled, publishing and published copies as an RFC 5545 calendar, each time in its own zone. */
  'io:exportIcs': { input: ExportRange.optional(), output: ExportFile },
  'io:feedStatus': { input: NoInput, output: FeedStatus },
  /** Turns the subscription on and answers its link, once. Refused (conflict) when it is on already. */
  'io:feedEnable': { input: NoInput, output: FeedLink },
  /** A new link; the old one stops working at once. */
  'io:feedRotate': { input: NoInput, output: FeedLink },
  'io:feedDisable': { input: NoInput, output: FeedStatus },
  /** The feed itself, for the host's GET /ical/<token>.ics; not_found for a wrong or retired token. */
  'io:feed': { input: z.strictObject({ token: z.string().min(1).max(200) }), output: ExportFile },
} as const;

export const ioEvents = {
  /**
   * Progress of io:importPreview (rows checked, when it was given a previewId) and of
   * io:importCommit (rows checked, media copied into the library, then the rows saved).
   */
  'io:importProgress': z.object({
    importId: Id,
    phase: z.enum(['checking', 'media', 'saving', 'done', 'cancelled']),
    done: z.number().int(),
    total: z.number().int(),
  }),
} as const;

export type ImportFieldsDto = z.infer<typeof ImportFields>;
export type ImportOptionsDto = z.input<typeof ImportOptions>;
export type ImportRowInputDto = z.input<typeof ImportRowInput>;
export type ImportRowResultDto = z.infer<typeof ImportRowResult>;
export type ImportIssueDto = z.infer<typeof ImportIssue>;
export type ImportPreviewDto = z.infer<typeof ImportPreview>;
export type ImportColumnDto = z.infer<typeof ImportColumn>;
export type ExportFileDto = z.infer<typeof ExportFile>;
export type FeedStatusDto = z.infer<typeof FeedStatus>;
export type FeedLinkDto = z.infer<typeof FeedLink>;
