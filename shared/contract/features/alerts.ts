/** Channels and events of alerts and webhooks; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant } from '../schemas';

/**
 * Every rule an alert can come from. The first five are raised by publishing as it happens;
 * post_removed by the numbers' collector when a platform took a post down after it went out.
 */
export const ALERT_RULES = [
  'post_failed',
  'post_unconfirmed',
  'post_missed',
  'account_needs_reconnect',
  'thread_stopped',
  'zero_views',
  'low_engagement',
  'failure_rate',
  'backlog',
  'token_expiring',
  'metrics_failing',
  'post_removed',
] as const;
export const AlertRuleName = z.enum(ALERT_RULES);
export type AlertRule = (typeof ALERT_RULES)[number];

/** What a webhook can be sent: every alert rule, and posts going out or failing. */
export const WEBHOOK_EVENTS = [...ALERT_RULES, 'post.published', 'post.failed'] as const;
export const WebhookEvent = z.enum(WEBHOOK_EVENTS);
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

export const AlertItem = z.object({
  id: z.number().int(),
  /** When it opened. */
  at: IsoInstant,
  kind: AlertRuleName,
  title: z.string(),
  body: z.string(),
  subject: z.object({ kind: z.enum(['post', 'account']), id: Id }).nullable(),
  readAt: IsoInstant.nullable(),
  /** Open while its condition holds; resolved once it cleared. */
  state: z.enum(['open', 'resolved']),
  lastSeenAt: IsoInstant,
  /** How many times the condition was seen while open. */
  occurrences: z.number().int(),
  acknowledgedAt: IsoInstant.nullable(),
  snoozedUntil: IsoInstant.nullable(),
  resolvedAt: IsoInstant.nullable(),
});

const on = z.boolean().default(true);
const whole = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${what}` })
    .int(`Use a whole number of ${what}`)
    .min(min, `Use at least ${min} ${what}`)
    .max(max, `Use at most ${max} ${what}`);

/** Each rule's switch and thresholds (Settings → Alerts). Missing fields read as their defaults. */
export const AlertRules = z.object({
  post_failed: z.object({ enabled: on }).default({ enabled: true }),
  post_unconfirmed: z.object({ enabled: on }).default({ enabled: true }),
  post_missed: z.object({ enabled: on }).default({ enabled: true }),
  account_needs_reconnect: z.object({ enabled: on }).default({ enabled: true }),
  thread_stopped: z.object({ enabled: on }).default({ enabled: true }),
  /** No views this many hours after publishing (0: as soon as the numbers say 0). Only where views are reported. */
  zero_views: z.object({ enabled: on, hours: whole('hours', 0, 720).default(6) }).default({ enabled: true, hours: 6 }),
  /** Engagement rate under `percentOfLow` % of the platform's target band low end, `hours` after publishing. */
  low_engagement: z
    .object({ enabled: on, hours: whole('hours', 1, 720).default(24), percentOfLow: whole('percent', 1, 100).default(50) })
    .default({ enabled: true, hours: 24, percentOfLow: 50 }),
  /** More than `percent` % of the posts that went out or failed in the last `hours` failed (once at least `minPosts` did). */
  failure_rate: z
    .object({ enabled: on, percent: whole('percent', 1, 100).default(10), hours: whole('hours', 1, 720).default(24), minPosts: whole('posts', 1, 1000).default(5) })
    .default({ enabled: true, percent: 10, hours: 24, minPosts: 5 }),
  /** More than `count` posts waiting in Review, or in the queue. */
  backlog: z.object({ enabled: on, count: whole('posts', 1, 100_000).default(100) }).default({ enabled: true, count: 100 }),
  /** An account's sign-in expires within `days`. */
  token_expiring: z.object({ enabled: on, days: whole('days', 1, 365).default(7) }).default({ enabled: true, days: 7 }),
  /** The last `inARow` looks at an account's numbers failed or lacked permission. */
  metrics_failing: z.object({ enabled: on, inARow: whole('failures', 1, 100).default(3) }).default({ enabled: true, inARow: 3 }),
  /** A platform took a post down after it went out (TikTok's review, found by the numbers' collector). */
  post_removed: z.object({ enabled: on }).default({ enabled: true }),
});
export type AlertRulesDto = z.output<typeof AlertRules>;
export const DEFAULT_ALERT_RULES: AlertRulesDto = AlertRules.parse({});

export const Webhook = z.object({
  id: Id,
  name: z.string(),
  /**
   * What is shown of the address: its site, with "…" where it goes on ("https://hooks.slack.com/…").
   * The whole address is a secret (whoever has it can post) and stays in the keychain.
   */
  url: z.string(),
  format: z.enum(['json', 'slack', 'discord']),
  events: z.array(WebhookEvent),
  enabled: z.boolean(),
  createdAt: IsoInstant,
});

const WEBHOOK_ADDRESS = /^https?:\/\/\S+$/;
const ADDRESS_RULE = 'The address starts with https:// (or http://)';
const WebhookFields = z.strictObject({
  name: z.string().trim().min(1, 'Give the webhook a name').max(80, 'Use at most 80 characters for the name'),
  url: z.string().trim().regex(WEBHOOK_ADDRESS, ADDRESS_RULE).max(2000, 'That address is too long'),
  format: z.enum(['json', 'slack', 'discord']).default('json'),
  events: z.array(WebhookEvent).max(WEBHOOK_EVENTS.length).default([]),
  enabled: z.boolean().default(true),
});

export const WebhookDelivery = z.object({
  id: Id,
  webhookId: Id,
  event: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: IsoInstant.nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: IsoInstant,
  deliveredAt: IsoInstant.nullable(),
});

export const alertsChannels = {
  'alerts:list': {
    input: z.strictObject({ limit: z.number().int().min(1).max(500).optional() }).optional(),
    output: z.array(AlertItem),
  },
  /** Marks the given alerts read, or all of them when `ids` is omitted. */
  'alerts:markRead': { input: z.strictObject({ ids: z.array(z.number().int()).max(1000).optional() }), output: z.object({ count: z.number().int() }) },
  /** Seen and handled: no more notices for it; it still resolves by itself. */
  'alerts:acknowledge': { input: z.strictObject({ id: z.number().int() }), output: AlertItem },
  /** No notice until then; if it is still open when the snooze ends, one notice. */
  'alerts:snooze': { input: z.strictObject({ id: z.number().int(), until: IsoInstant }), output: AlertItem },
  /** Look at every rule now, instead of at the next change or the next five minutes. */
  'alerts:check': { input: z.strictObject({}).optional(), output: z.object({ opened: z.number().int(), resolved: z.number().int() }) },
  'alerts:rules': { input: z.strictObject({}).optional(), output: AlertRules },
  'alerts:setRules': { input: AlertRules, output: AlertRules },

  'webhooks:list': { input: z.strictObject({}).optional(), output: z.array(Webhook) },
  /** The signing secret is shown once, here; it and the address stay in the keychain. */
  'webhooks:create': { input: WebhookFields, output: Webhook.extend({ secret: z.string() }) },
  /** `url` left out or empty keeps the address in the keychain; a new one replaces it there. */
  'webhooks:update': {
    input: WebhookFields.partial().extend({
      id: Id,
      url: z
        .string()
        .trim()
        .max(2000, 'That address is too long')
        .refine((v) => v === '' || WEBHOOK_ADDRESS.test(v), ADDRESS_RULE)
        .optional(),
    }),
    output: Webhook,
  },
  'webhooks:delete': { input: z.strictObject({ id: Id }), output: z.object({ id: Id }) },
  /** The signing secret again, read from the keychain. */
  'webhooks:secret': { input: z.strictObject({ id: Id }), output: z.object({ secret: z.string() }) },
  /** Sends one 'test' delivery now. */
  'webhooks:test': { input: z.strictObject({ id: Id }), output: WebhookDelivery },
  'webhooks:deliveries': {
    input: z.strictObject({ webhookId: Id.optional(), limit: z.number().int().min(1).max(500).optional() }),
    output: z.array(WebhookDelivery),
  },
} as const;

export const alertsEvents = {
  /** A new alert opened (one per condition, until it resolves). */
  'alerts:raised': AlertItem,
  /** Alerts seen again, resolved, acknowledged or snoozed. */
  'alerts:changed': z.object({ ids: z.array(z.number().int()) }),
  'webhooks:changed': z.object({ ids: z.array(Id) }),
} as const;

export type AlertItemDto = z.infer<typeof AlertItem>;
export type WebhookDto = z.infer<typeof Webhook>;
export type WebhookDeliveryDto = z.infer<typeof WebhookDelivery>;
export type WebhookFieldsDto = z.input<typeof WebhookFields>;
