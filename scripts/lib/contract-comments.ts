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
  /**
   * Comments on the fields of object schemas, by where they are: `<channel>#input`,
   * `<channel>#output`, `<event>#event`, or a schema's name in schemas.ts (`Post`).
   */
  fields: Record<string, Record<string, string>>;
}

const OBJECT_BUILDERS = new Set(['object', 'strictObject', 'looseObject', 'extend']);

/**
 * The commented fields of a zod object expression: `z.strictObject({ … })`, through `.optional()`,
 * `.refine()`, `.extend({ … })` and the like, and through a const of the same file it names.
 */
function fieldComments(expr: ts.Expression, consts: Map<string, ts.Expression>, depth = 0): Record<string, string> {
  if (depth > 8) return {};
  if (ts.isIdentifier(expr)) {
    const target = consts.get(expr.text);
    return target ? fieldComments(target, consts, depth + 1) : {};
  }
  if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression)) return {};
  const method = expr.expression.name.text;
  const inner = ts.isIdentifier(expr.expression.expression) && expr.expression.expression.text === 'z' ? {} : fieldComments(expr.expression.expression, consts, depth + 1);
  const arg = expr.arguments[0];
  if (!OBJECT_BUILDERS.has(method) || !arg || !ts.isObjectLiteralExpression(arg)) return inner;
  const own: Record<string, string> = {};
  for (const prop of arg.properties) {
    const name = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : null;
    const text = name ? commentOf(prop) : null;
    if (name && text) own[name] = text;
  }
  return { ...inner, ...own };
}

/** The file's top-level `const X = …` declarations, exported or not. */
function constsOf(source: ts.SourceFile): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  for (const stmt of source.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) out.set(d.name.text, d.initializer);
  }
  return out;
}

/** The `input`/`output` of a channel definition `{ input, output }`. */
const partOf = (def: ts.ObjectLiteralExpression, part: 'input' | 'output'): ts.Expression | null => {
  const p = def.properties.find((x) => ts.isPropertyAssignment(x) && ts.isIdentifier(x.name) && x.name.text === part);
  return p && ts.isPropertyAssignment(p) ? p.initializer : null;
};

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

const sorted = <T>(r: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Reads every `'name': …` property whose name is in `channels` or `events` in the given files, and
 * the field comments of their schemas and of the named schemas in `schemasFile`.
 */
export function readContractComments(files: string[], names: { channels: readonly string[]; events: readonly string[]; schemasFile?: string }): ContractComments {
  const channels = new Set(names.channels);
  const events = new Set(names.events);
  const out: ContractComments = { channels: {}, events: {}, fields: {} };
  const addFields = (key: string, found: Record<string, string>) => {
    if (Object.keys(found).length) out.fields[key] = sorted(found);
  };
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const consts = constsOf(source);
    if (names.schemasFile === file) for (const [name, expr] of consts) addFields(name, fieldComments(expr, consts));
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && ts.isStringLiteral(node.name)) {
        const name = node.name.text;
        // A channel's value is `{ input, output }`; an event's is its payload schema.
        const def = ts.isObjectLiteralExpression(node.initializer) && partOf(node.initializer, 'output') ? node.initializer : null;
        const text = def ? channelComment(node) : commentOf(node);
        if (def && channels.has(name)) {
          if (text) out.channels[name] = text;
          for (const part of ['input', 'output'] as const) {
            const expr = partOf(def, part);
            if (expr) addFields(`${name}#${part}`, fieldComments(expr, consts));
          }
        } else if (!def && events.has(name)) {
          if (text) out.events[name] = text;
          addFields(`${name}#event`, fieldComments(node.initializer, consts));
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { channels: sorted(out.channels), events: sorted(out.events), fields: sorted(out.fields) };
}

/** The file of the contract's shared, named schemas (Post, Account…). */
export const schemasFile = (root: string): string => join(root, 'shared', 'contract', 'schemas.ts');

/** The contract's source files: schemas.ts, channels.ts and every feature file. */
export function contractFiles(root: string): string[] {
  const features = join(root, 'shared', 'contract', 'features');
  return [
    schemasFile(root),
    join(root, 'shared', 'contract', 'channels.ts'),
    ...readdirSync(features)
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => join(features, f)),
  ];
}
