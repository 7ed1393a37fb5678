/**
 * The doc comments of the contract's channels and events, read from the TypeScript source with
 * the compiler's parser (zod keeps no comments at run time). `npm run openapi` writes them to
 * electron/host/channel-docs.json, which the OpenAPI document takes its summaries from; a unit test
 * checks that file against the source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface ContractComments {
  channels: Record<string, string>;
  events: Record<string, string>;
}

/** A JSDoc block as plain text: the stars and indentation gone, lines of a paragraph joined. */
function plain(jsDoc: ts.JSDoc): string {
  const text = typeof jsDoc.comment === 'string' ? jsDoc.comment : (jsDoc.comment ?? []).map((c) => c.text).join('');
  return text
    .split(/\n\s*\n/)
    .map((para) => para.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

function commentOf(node: ts.Node): string | null {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  const text = docs?.length ? plain(docs[docs.length - 1]!) : '';
  return text === '' ? null : text;
}

/** The comment on `'name': …`, or else on its `input:` (where posts:list explains its scopes). */
function channelComment(prop: ts.PropertyAssignment): string | null {
  const own = commentOf(prop);
  if (own) return own;
  if (!ts.isObjectLiteralExpression(prop.initializer)) return null;
  const input = prop.initializer.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'input');
  return input ? commentOf(input) : null;
}

/** Reads every `'name': …` property whose name is in `channels` or `events`, in the given files. */
export function readContractComments(files: string[], names: { channels: readonly string[]; events: readonly string[] }): ContractComments {
  const channels = new Set(names.channels);
  const events = new Set(names.events);
  const out: ContractComments = { channels: {}, events: {} };
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && ts.isStringLiteral(node.name)) {
        const name = node.name.text;
        // A channel's value is `{ input, output }`; an event's is its payload schema.
        const isChannelDef = ts.isObjectLiteralExpression(node.initializer) && node.initializer.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'output');
        const text = isChannelDef ? channelComment(node) : commentOf(node);
        if (text && isChannelDef && channels.has(name)) out.channels[name] = text;
        else if (text && !isChannelDef && events.has(name)) out.events[name] = text;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const sorted = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
  return { channels: sorted(out.channels), events: sorted(out.events) };
}

/** The contract's source files: channels.ts and every feature file. */
export function contractFiles(root: string): string[] {
  const features = join(root, 'shared', 'contract', 'features');
  return [
    join(root, 'shared', 'contract', 'channels.ts'),
    ...readdirSync(features)
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => join(features, f)),
  ];
}
