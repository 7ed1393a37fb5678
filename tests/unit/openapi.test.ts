/**
 * The OpenAPI document of the local API: valid OpenAPI 3.1, an operation for every channel of the
 * contract (and a check that names a missing one), and the committed docs/api/openapi.json the
 * same as what the contract generates today.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, channels, ERROR_CODES, EVENT_NAMES, events } from '../../shared/contract';
import { buildOpenApi, missingChannels, serializeOpenApi, type OpenApiDocument } from '../../electron/host/openapi';
import { foldInputTwins } from '../../electron/host/openapi-schemas';
import { contractFiles, readContractComments, schemasFile } from '../../scripts/lib/contract-comments';

/** The value at `keys` inside a JSON document, or undefined (the assertions check its shape). */
const at = (value: unknown, ...keys: (string | number)[]): unknown =>
  keys.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), value);

const doc = buildOpenApi();
const op = (channel: string, ...keys: string[]) => at(doc.paths[`/rpc/${channel}`], 'post', ...keys);

async function validate(document: OpenApiDocument) {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document) as unknown as Parameters<Validator['validate']>[0]);
  // resolveRefs throws on a $ref that leads nowhere.
  if (result.valid) validator.resolveRefs();
  return result;
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const result = await validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('has POST /rpc/<channel> for every channel, operationId the channel, bearer security (?token= on /events only)', () => {
    expect(missingChannels(doc, CHANNEL_NAMES)).toEqual([]);
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/rpc/'))).toHaveLength(CHANNEL_NAMES.length);
    for (const name of CHANNEL_NAMES) {
      expect(op(name, 'operationId')).toBe(name);
      expect(op(name, 'tags')).toEqual([name.split(':')[0]]);
      expect(op(name, 'security')).toEqual([{ bearerToken: [] }]);
    }
    expect(at(doc.paths, '/events', 'get', 'security')).toEqual([{ bearerToken: [] }, { queryToken: [] }]);
    expect(at(doc.paths, '/openapi.json', 'get', 'security')).toEqual([{ bearerToken: [] }]);
    expect(doc.security).toEqual([{ bearerToken: [] }]);
  });

  it('names the channel a document lacks', () => {
    const { 'posts:list': _gone, ...rest } = channels;
    const partial = buildOpenApi({ channels: rest, events });
    expect(missingChannels(partial, CHANNEL_NAMES)).toEqual(['posts:list']);
  });

  it('answers every channel with 200 and every error status, 403 forbidden included, as { error }', () => {
    const statuses = ['200', '400', '401', '403', '404', '409', '413', '415', '422', '429', '500', '502', '503', '504'];
    for (const name of CHANNEL_NAMES) expect(Object.keys(op(name, 'responses') as object).sort()).toEqual(statuses);
    expect(at(doc.components, 'responses', 'Error403', 'description')).toContain('`forbidden`');
    expect(at(doc.components, 'responses', 'Error403', 'content', 'application/json', 'schema')).toEqual({ $ref: '#/components/schemas/ErrorResponse' });
    expect(at(doc.components, 'schemas', 'RpcErrorBody', 'properties', 'code', 'enum')).toEqual(expect.arrayContaining([...ERROR_CODES, 'forbidden']));
  });

  it('describes requests as sent and answers as received, and which bodies may be empty', () => {
    expect(op('posts:list', 'requestBody', 'required')).toBe(false);
    expect(op('posts:get', 'requestBody', 'required')).toBe(true);
    // Input mode: a field with a default is optional to send.
    expect(at(doc.components.schemas, 'posts.list.Input', 'properties', 'scope', 'default')).toBe('upcoming');
    expect(at(doc.components.schemas, 'posts.list.Input', 'required') ?? []).not.toContain('scope');
    expect(op('posts:list', 'requestBody', 'content', 'application/json', 'schema')).toEqual({ $ref: '#/components/schemas/posts.list.Input' });
    expect(op('posts:get', 'responses', '200', 'content', 'application/json', 'schema')).toEqual({ $ref: '#/components/schemas/Post' });
  });

  it('documents /events with every event and its payload, /openapi.json, and the actor headers', () => {
    const frames = at(doc.paths['/events'], 'get', 'responses', '200', 'content', 'text/event-stream', 'schema', 'oneOf') as { properties: { event: { const: string } } }[];
    expect(frames.map((f) => f.properties.event.const).sort()).toEqual([...EVENT_NAMES].sort());
    expect(doc.paths['/openapi.json']!.get).toMatchObject({ operationId: 'openapi', responses: { '401': expect.anything() } });
    expect(op('posts:create', 'parameters')).toEqual([{ $ref: '#/components/parameters/Actor' }, { $ref: '#/components/parameters/Client' }]);
    expect(at(doc.components, 'parameters', 'Actor')).toMatchObject({ name: 'X-Loomcast-Actor', in: 'header', schema: { enum: ['agent', 'script'] } });
  });

  it('describes what JSON Schema cannot say instead of failing on it', async () => {
    const odd = {
      channels: {
        'odd:date': { input: z.strictObject({ when: z.date() }).optional(), output: z.object({ at: z.date(), n: z.bigint() }) },
        'odd:transform': { input: z.string().transform((s) => s.length), output: z.string().transform((s) => s.length) },
        'odd:refine': { input: z.object({ a: z.number() }).refine((v) => v.a > 1, 'Too small'), output: z.undefined() },
      },
      events: { 'odd:event': z.custom<string>((v) => typeof v === 'string') },
    };
    const built = buildOpenApi(odd);
    expect((await validate(built)).valid).toBe(true);
    const schemas = built.components.schemas;
    expect(at(schemas, 'odd.date.Output', 'properties', 'at', 'description')).toMatch(/date/i);
    expect(at(schemas, 'odd.date.Output', 'properties', 'n', 'description')).toMatch(/big integer/i);
    expect(at(schemas, 'odd.transform.Output', 'description')).toMatch(/Computed by Loomcast/);
    expect(at(schemas, 'odd.transform.Input', 'type')).toBe('string');
    expect(at(schemas, 'odd.refine.Input', 'properties', 'a', 'type')).toBe('number');
    expect(at(built.paths['/rpc/odd:date'], 'post', 'requestBody', 'required')).toBe(false);
  });

  it('folds a request twin into its shared schema only where the two read the same', () => {
    const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
    const folded = foldInputTwins({
      paths: { a: ref('A.Input'), b: ref('B.Input'), c: ref('C.Input'), d: ref('D.Input') },
      components: {
        schemas: {
          A: { type: 'object', required: ['n'] },
          'A.Input': { type: 'object' },
          B: { type: 'string' },
          'B.Input': { type: 'string' },
          'C.Input': { type: 'object', properties: { b: ref('B.Input') } },
          // Reads the same as D only if A folded, which it does not.
          D: { type: 'array', items: ref('A') },
          'D.Input': { type: 'array', items: ref('A.Input') },
        },
      },
    });
    expect(Object.keys(folded.components.schemas)).toEqual(['A', 'A.Input', 'B', 'C', 'D', 'D.Input']);
    expect(folded.paths).toEqual({ a: ref('A.Input'), b: ref('B'), c: ref('C'), d: ref('D.Input') });
    expect((folded.components.schemas as Record<string, unknown>).C).toEqual({ type: 'object', properties: { b: ref('B') } });
  });

  it('is committed as docs/api/openapi.json, up to date with the contract', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'api', 'openapi.json'), 'utf8');
    const fresh = serializeOpenApi(doc);
    if (committed !== fresh) expect.fail('docs/api/openapi.json is out of date with the contract: run `npm run openapi` and commit the result.');
  });
});

describe('the channels’ doc comments in the document', () => {
  it('are read from the contract’s source into electron/host/channel-docs.json, up to date', () => {
    const root = join(__dirname, '..', '..');
    const fresh = readContractComments(contractFiles(root), { channels: CHANNEL_NAMES, events: EVENT_NAMES, schemasFile: schemasFile(root) });
    const committed = JSON.parse(readFileSync(join(root, 'electron', 'host', 'channel-docs.json'), 'utf8')) as unknown;
    if (JSON.stringify(committed) !== JSON.stringify(fresh)) expect.fail('electron/host/channel-docs.json is out of date with the contract’s comments: run `npm run openapi` and commit the result.');
    // posts:list documents its scopes on its input; accounts:connectFinished on the event.
    expect(fresh.channels['posts:list']).toMatch(/^upcoming: a copy on its way out/);
    expect(fresh.events['accounts:connectFinished']).toBe('An OAuth flow started by accounts:connect ended (in the system browser).');
  });

  it('describe the commented fields of requests, answers and shared schemas', () => {
    expect(at(doc.components.schemas, 'posts.create.Input', 'properties', 'schedule', 'description')).toBe('null saves a draft.');
    expect(at(doc.components.schemas, 'accounts.connectStatus.Output', 'properties', 'account', 'description')).toBe('The connected account, once `connected`.');
    expect(at(doc.components.schemas, 'Account', 'properties', 'serverUrl', 'description')).toBe('The Mastodon instance or Bluesky PDS; null for the other platforms.');
  });

  it('give each commented channel a one-line summary and the whole comment as description', () => {
    expect(op('accounts:connectStatus', 'summary')).toBe("A browser sign-in's progress; a finished one stays readable for 10 minutes");
    expect(op('posts:list', 'description')).toContain('attention: failed, unconfirmed or missed');
    for (const name of CHANNEL_NAMES) {
      const summary = op(name, 'summary');
      if (summary !== undefined) expect(String(summary).length).toBeLessThanOrEqual(120);
    }
  });
});
