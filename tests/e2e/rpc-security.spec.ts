import { expect, test } from './support/fixtures';

/** The browser-mode RPC is a documented local API: these are its guarantees, over plain HTTP. */
test.describe('the local RPC over HTTP', () => {
  const post = (origin: string, channel: string, body: string, token?: string) =>
    fetch(`${origin}/rpc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });

  test('refuses a call without the token, or with a wrong one, with 401', async ({ host }) => {
    const none = await post(host.origin, 'posts:list', '{}');
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');

    const wrong = await post(host.origin, 'posts:list', '{}', 'x'.repeat(host.token.length));
    expect(wrong.status).toBe(401);
  });

  test('answers a malformed JSON body with 400 invalid_input and keeps serving', async ({ host }) => {
    const res = await post(host.origin, 'posts:create', '{"text": "half a body', host.token);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain('not valid JSON');

    const after = await post(host.origin, 'app:info', '{}', host.token);
    expect(after.status).toBe(200);
    expect(((await after.json()) as { name: string }).name).toBe('Loomcast');
  });

  test('answers well-formed JSON with bad fields with 400 invalid_input and names each problem', async ({ host }) => {
    const res = await post(host.origin, 'posts:create', JSON.stringify({ text: '   ', platforms: ['myspace'], schedule: { date: 'tomorrow', time: '9am' } }), host.token);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; issues: { path: (string | number)[]; message: string }[] } };
    expect(error.code).toBe('invalid_input');
    const paths = error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['text', 'platforms.0', 'schedule.date', 'schedule.time']));
    expect(error.issues.find((i) => i.path.join('.') === 'text')?.message).toContain('Write something first');

    const list = await post(host.origin, 'posts:list', JSON.stringify({ scope: 'all' }), host.token);
    expect(await list.json()).toEqual([]);
  });
});
