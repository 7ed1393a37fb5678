/**
 * Reads a page's <head> as it streams in: og: and twitter: meta tags and the <title>. Parsing
 * stops being needed at </head> (or the first <body> tag), so a long page is not read to its end.
 */
import { TextDecoder } from 'node:util';
import { Parser } from 'htmlparser2';

export interface HeadMeta {
  title: string | null;
  description: string | null;
  siteName: string | null;
  /** As written on the page: possibly relative. */
  image: string | null;
  largeImage: boolean;
  /** Whether anything card-worthy was found. */
  found: boolean;
}

const MAX_TEXT = 300;

function clean(value: string | undefined): string | null {
  if (value === undefined) return null;
  const text = value.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1).trimEnd()}…` : text;
}

function decoderFor(charset: string | null): TextDecoder {
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8'); // an unknown label: most pages are UTF-8 anyway
  }
}

export function createHeadReader(charset: string | null) {
  const decoder = decoderFor(charset);
  const meta = new Map<string, string>();
  let title = '';
  let inTitle = false;
  let titleDone = false;
  let ended = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (ended) return;
        if (name === 'title' && !titleDone) inTitle = true;
        else if (name === 'body') ended = true;
        else if (name === 'meta') {
          const key = (attrs.property ?? attrs.name ?? '').trim().toLowerCase();
          // The first of each wins, as the platforms' own scrapers do.
          if (key && attrs.content !== undefined && !meta.has(key)) meta.set(key, attrs.content);
        }
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === 'title' && inTitle) {
          inTitle = false;
          titleDone = true;
        } else if (name === 'head') ended = true;
      },
    },
    { decodeEntities: true },
  );

  const pick = (...keys: string[]): string | undefined => keys.map((k) => meta.get(k)).find((v) => v !== undefined && v.trim() !== '');

  return {
    /** Feeds a chunk; true once the head is over and nothing more is needed. */
    write(chunk: Uint8Array): boolean {
      if (!ended) parser.write(decoder.decode(chunk, { stream: true }));
      return ended;
    },
    finish(): HeadMeta {
      if (!ended) parser.write(decoder.decode());
      parser.end();
      const out = {
        title: clean(pick('og:title', 'twitter:title')) ?? clean(title),
        description: clean(pick('og:description', 'twitter:description', 'description')),
        siteName: clean(pick('og:site_name')),
        image: pick('og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src')?.trim() ?? null,
        largeImage: (meta.get('twitter:card') ?? '').trim().toLowerCase() === 'summary_large_image',
      };
      return { ...out, found: Boolean(out.title ?? out.description ?? out.image) };
    },
  };
}
