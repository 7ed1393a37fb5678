/**
 * The local API as an OpenAPI 3.1 document, built from the contract itself (shared/contract), so
 * it cannot describe a channel differently from how the host answers it. Served at
 * `GET /openapi.json` and written to docs/api/openapi.json by `npm run openapi`.
 */
import type { z } from 'zod';
import pkg from '../../package.json';
import { channels as contractChannels, events as contractEvents, ERROR_CODES, HTTP_STATUS } from '../../shared/contract';
import { AUTH_MAX_FAILURES, AUTH_WINDOW_MS } from './auth-limiter';
import channelDocs from './channel-docs.json';
import { componentName, danglingRefs, foldInputTwins, reachable, refTo, schemaSet, type JsonSchema } from './openapi-schemas';

export interface ApiContract {
  channels: Record<string, { input: z.ZodType; output: z.ZodType }>;
  events: Record<string, z.ZodType>;
}

/** The contract's doc comments (channel and event name → text), generated from its source by `npm run openapi`. */
export interface ContractDocs {
  channels: Record<string, string>;
  events: Record<string, string>;
  /** Field comments: `<channel>#input`, `<channel>#output`, `<event>#event`, or a shared schema's name → field → text. */
  fields?: Record<string, Record<string, string>>;
}

/** Gives each commented field of a component its comment as `description` (unless it has one). */
function describeFields(components: Record<string, JsonSchema>, docs: ContractDocs, targets: [string, string][]): void {
  for (const [id, key] of targets) {
    const props = components[id]?.properties as Record<string, JsonSchema> | undefined;
    const texts = docs.fields?.[key];
    if (!props || !texts) continue;
    for (const [field, text] of Object.entries(texts)) {
      const prop = props[field];
      if (prop && prop.description === undefined) props[field] = { ...prop, description: text };
    }
  }
}

/** An operation's summary: the comment's first sentence, short enough for a list of operations. */
function summaryOf(text: string): string {
  const first = /^(.+?[.!?])(\s|$)/s.exec(text)?.[1] ?? text;
  const line = first.replace(/\s+/g, ' ').trim();
  return line.length <= 120 ? line.replace(/\.$/, '') : `${line.slice(0, 117).replace(/\s+\S*$/, '')}…`;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, JsonSchema>; [k: string]: unknown };
  [k: string]: unknown;
}

/** Every error code and its HTTP status. */
function errorStatuses(): Map<number, string[]> {
  const byStatus = new Map<number, string[]>();
  for (const [code, status] of Object.entries(HTTP_STATUS)) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  // Refused by the host before a channel runs: a foreign web page (403), a body over 10 MB (413), not JSON (415),
  // too many wrong tokens from the address (429), a scoped token checked while the data is being reopened (503).
  for (const [status, code] of [[403, 'unauthorized'], [413, 'invalid_input'], [415, 'invalid_input'], [429, 'unauthorized'], [503, 'internal']] as const) {
    if (!byStatus.get(status)?.includes(code)) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus.entries()].sort(([a], [b]) => a - b));
}

const ERROR_WHY: Record<number, string> = {
  400: 'The input does not match the channel (`issues` says where), the body is not JSON, an X-Loomcast-Actor or X-Loomcast-Client header is malformed, the token came as `?token=` (only `GET /events` takes it), or a time has passed or does not exist.',
  401: 'The token is missing or wrong.',
  403: 'The token may not call this channel (`forbidden`, a scoped token), or the request came from another website (`unauthorized`).',
  404: 'No such channel, or the thing named in the input does not exist.',
  409: 'The change conflicts with the current state (e.g. a published post cannot go back to draft).',
  413: 'The body is over the 10 MB limit.',
  415: 'The body is not sent as uncompressed JSON (`content-type: application/json`).',
  422: 'A check refused it: a pre-flight gate, or the platform refused the credentials or app.',
  429: 'Too many different wrong tokens came from this address (beyond this computer: loopback is never locked out): every request from it, the right token included, is refused until the time in `Retry-After` (seconds) has passed.',
  500: 'Loomcast failed; the message says so and the log has the details.',
  502: 'A platform or server could not be reached.',
  503: 'The system keychain is not available, so secrets cannot be read or kept; or (`internal`) Loomcast is reopening its data: try again in a moment.',
  504: 'Nobody finished signing in in time.',
};

function errorComponents(): Record<string, JsonSchema> {
  const codes = [...ERROR_CODES];
  return {
    RpcErrorBody: {
      type: 'object',
      description: 'Every failure: a code to branch on, a message written for a person, and for bad input the list of what was wrong.',
      properties: {
        code: { type: 'string', enum: codes },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            properties: { path: { type: 'array', items: { type: ['string', 'integer'] } }, message: { type: 'string' } },
            required: ['path', 'message'],
          },
        },
        details: { type: 'string', description: 'The platform’s or library’s own words.' },
      },
      required: ['code', 'message'],
    },
    ErrorResponse: { type: 'object', properties: { error: refTo('RpcErrorBody') }, required: ['error'] },
  };
}

/** One shared response per error status (components.responses), named Error<status>. */
function errorResponseComponents(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, codes] of errorStatuses()) {
    const why = ERROR_WHY[status] ?? 'An error.';
    out[`Error${status}`] = { description: `${why} Codes: ${codes.map((c) => `\`${c}\``).join(', ')}.`, content: { 'application/json': { schema: refTo('ErrorResponse') } } };
  }
  return out;
}

/** The error answers of every channel, as references to the shared responses. */
function errorResponses(): Record<string, unknown> {
  return Object.fromEntries([...errorStatuses().keys()].map((status) => [String(status), { $ref: `#/components/responses/Error${status}` }]));
}

const DESCRIPTION = `Loomcast's local API: the same channels the app's own windows call, on this computer.

Every channel is \`POST /rpc/<channel>\` with the input as a JSON body (\`content-type: application/json\`).
A channel whose fields all have defaults (e.g. \`posts:list\`) also takes an empty body.
The answer is the output as JSON (200), or \`{ "error": { code, message, issues?, details? } }\` with the status of its code.

Authenticate with \`Authorization: Bearer <token>\`. Only \`GET /events\` also takes \`?token=<token>\`, for EventSource, which
cannot set headers; elsewhere \`?token=\` is refused (400), since addresses end up in logs, history and proxies.
After ${AUTH_MAX_FAILURES} different wrong tokens from one address within ${AUTH_WINDOW_MS / 1000} s, that address gets 429 (with \`Retry-After\`) until those ${AUTH_WINDOW_MS / 1000} s are over.
The token is in the address Loomcast prints at start; fix it with \`--token-file PATH\` or \`LOOMCAST_TOKEN\`,
or use a scoped token (read-only, drafts-only or full) from Settings → Agents and scripts.

Name your client with \`X-Loomcast-Actor: agent|script\` and \`X-Loomcast-Client: <name>\`: the audit log and the posts
you create record them. \`GET /events\` streams what changes as server-sent events. See docs/api.md.`;

function headerParameters(): Record<string, unknown> {
  return {
    Actor: {
      name: 'X-Loomcast-Actor',
      in: 'header',
      required: false,
      description: 'Who is calling: `agent` (an AI agent, e.g. through MCP) or `script`. Absent with the app’s own token: the person using Loomcast. It can only lower trust: a scoped token is at least `script`.',
      schema: { type: 'string', enum: ['agent', 'script'] },
    },
    Client: {
      name: 'X-Loomcast-Client',
      in: 'header',
      required: false,
      description: 'The calling program’s name (e.g. `loomcast-cli`, or an MCP client’s name), kept with the audit entry and the posts it makes.',
      schema: { type: 'string', maxLength: 80 },
    },
  };
}

const SECURITY = [{ bearerToken: [] }];
/** The event stream alone takes the token in the query too: EventSource cannot set headers. */
const EVENTS_SECURITY = [{ bearerToken: [] }, { queryToken: [] }];

const tagOf = (channel: string): string => channel.split(':')[0] ?? channel;

/** Builds the document; `contract` is the app's own unless a test passes another. */
export function buildOpenApi(
  contract: ApiContract = { channels: contractChannels, events: contractEvents },
  version: string = pkg.version,
  docs: ContractDocs = channelDocs as ContractDocs,
): OpenApiDocument {
  const input = schemaSet('input', '.Input');
  const output = schemaSet('output');
  const paths: OpenApiDocument['paths'] = {};

  for (const name of Object.keys(contract.channels).sort()) {
    const def = contract.channels[name]!;
    const id = componentName(name);
    const mayBeEmpty = def.input.safeParse(undefined).success || def.input.safeParse({}).success;
    paths[`/rpc/${name}`] = {
      post: {
        operationId: name,
        tags: [tagOf(name)],
        ...(docs.channels[name] ? { summary: summaryOf(docs.channels[name]), description: docs.channels[name] } : {}),
        security: SECURITY,
        parameters: [{ $ref: '#/components/parameters/Actor' }, { $ref: '#/components/parameters/Client' }],
        requestBody: {
          required: !mayBeEmpty,
          ...(mayBeEmpty ? { description: 'May be left empty: it then counts as `{}`, every field at its default.' } : {}),
          content: { 'application/json': { schema: input.use(def.input, `${id}.Input`) } },
        },
        responses: { '200': { description: `The output of ${name}.`, content: { 'application/json': { schema: output.use(def.output, `${id}.Output`) } } }, ...errorResponses() },
      },
    };
  }

  const frames = Object.keys(contract.events)
    .sort()
    .map((name) => ({
      type: 'object',
      title: name,
      ...(docs.events[name] ? { description: docs.events[name] } : {}),
      properties: { event: { const: name }, payload: output.use(contract.events[name]!, `${componentName(name)}.Event`) },
      required: ['event', 'payload'],
    }));
  paths['/events'] = {
    get: {
      operationId: 'events',
      tags: ['events'],
      summary: 'What changes, as server-sent events',
      description: 'A `text/event-stream` that stays open. Each change is one `data:` line holding `{ "event": <name>, "payload": <payload> }` (the schema below, one of the event kinds); lines starting with `:` are keep-alives. Pass the token as `?token=` from a browser’s EventSource (the only route that takes it).',
      security: EVENTS_SECURITY,
      responses: {
        '200': { description: 'The stream.', content: { 'text/event-stream': { schema: { description: 'The JSON in each `data:` line.', oneOf: frames } } } },
        '401': errorResponses()['401'],
        '429': errorResponses()['429'],
      },
    },
  };
  paths['/openapi.json'] = {
    get: {
      operationId: 'openapi',
      tags: ['meta'],
      summary: 'This document',
      security: SECURITY,
      responses: {
        '200': { description: 'The OpenAPI 3.1 document of this Loomcast.', content: { 'application/json': { schema: { type: 'object' } } } },
        '400': errorResponses()['400'],
        '401': errorResponses()['401'],
        '429': errorResponses()['429'],
      },
    },
  };

  const all = { ...output.components(), ...input.components(), ...errorComponents() };
  describeFields(all, docs, [
    ...Object.keys(contract.channels).flatMap((c): [string, string][] => [[`${componentName(c)}.Input`, `${c}#input`], [`${componentName(c)}.Output`, `${c}#output`]]),
    ...Object.keys(contract.events).map((e): [string, string] => [`${componentName(e)}.Event`, `${e}#event`]),
    ...Object.keys(docs.fields ?? {}).filter((k) => !k.includes('#')).flatMap((n): [string, string][] => [[n, n], [`${n}.Input`, n]]),
  ]);
  const doc: OpenApiDocument = foldInputTwins({
    openapi: '3.1.0',
    info: { title: 'Loomcast local API', version, description: DESCRIPTION },
    servers: [{ url: 'http://127.0.0.1:{port}', description: 'The Loomcast running on this computer (the port it printed at start).', variables: { port: { default: '4917' } } }],
    security: SECURITY,
    paths,
    components: {
      schemas: reachable({ paths, responses: errorResponseComponents() }, all),
      responses: errorResponseComponents(),
      parameters: headerParameters(),
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'The token from the address Loomcast printed, `--token-file`/`LOOMCAST_TOKEN`, or a scoped token from Settings → Agents and scripts.' },
        queryToken: { type: 'apiKey', in: 'query', name: 'token', description: 'The same token in the query, on `GET /events` only, for clients that cannot set headers (EventSource).' },
      },
    },
  });
  const dangling = danglingRefs(doc);
  if (dangling.length) throw new Error(`The OpenAPI document refers to schemas it lacks: ${dangling.join(', ')}`);
  return doc;
}

/** The channels the document has no `POST /rpc/<channel>` operation for (operationId the channel's name). */
export function missingChannels(doc: OpenApiDocument, names: readonly string[]): string[] {
  return names.filter((name) => doc.paths[`/rpc/${name}`]?.post?.operationId !== name);
}

/** The document as committed to docs/api/openapi.json: two-space JSON and a final newline. */
export const serializeOpenApi = (doc: OpenApiDocument): string => `${JSON.stringify(doc, null, 2)}\n`;
