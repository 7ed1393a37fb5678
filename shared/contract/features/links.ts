/** Link cards for the composer's previews; merged into the contract in ../channels.ts. */
import { z } from 'zod';

/** Why a page gave no card, for the preview to put into words. */
export const LinkProblem = z.enum([
  /** Not an http(s) address, or not an address at all. */
  'bad_url',
  /** No answer (or not all of it) within the time allowed. */
  'timeout',
  /** The page's head did not end within the bytes Loomcast reads. */
  'too_large',
  /** It answered with something other than a web page (a PDF, an image, JSON…). */
  'not_html',
  /** The server could not be reached, or it answered with an error status. */
  'unreachable',
  /** It redirected more times than Loomcast follows (or in a loop). */
  'too_many_redirects',
]);

/** Why the page's own image is missing from its card. */
export const LinkImageProblem = z.enum(['none', 'timeout', 'too_large', 'not_image', 'unreachable', 'bad_url', 'too_many_redirects']);

export const LinkCard = z.object({
  ok: z.literal(true),
  /** The address as asked for. */
  url: z.string(),
  /** Where it ended after redirects. */
  finalUrl: z.string(),
  /** The host name shown on the card, without "www.". */
  domain: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  siteName: z.string().nullable(),
  /** og:image / twitter:image as a data: URL (the renderer shows no remote images); null without one. */
  image: z.string().nullable(),
  imageProblem: LinkImageProblem.nullable(),
  /** twitter:card asks for a large image ("summary_large_image"). */
  largeImage: z.boolean(),
});

export const LinkFailure = z.object({
  ok: z.literal(false),
  url: z.string(),
  problem: LinkProblem,
  /** The problem in words, e.g. "The page did not answer within 5 seconds." */
  message: z.string(),
});

export const LinkPreview = z.discriminatedUnion('ok', [LinkCard, LinkFailure]);

export const linksChannels = {
  /**
   * The card a link would get: the page's title, description and image, fetched by the core with
   * a time and size limit and cached for a while. Failures are answers, not errors.
   */
  'links:preview': {
    input: z.strictObject({ url: z.string().trim().min(1, 'Give the address of the page').max(4096, 'That address is longer than any link card reads') }),
    output: LinkPreview,
  },
} as const;

export const linksEvents = {} as const;

export type LinkPreviewDto = z.output<typeof LinkPreview>;
export type LinkCardDto = z.output<typeof LinkCard>;
export type LinkProblemDto = z.output<typeof LinkProblem>;
export type LinkImageProblemDto = z.output<typeof LinkImageProblem>;
