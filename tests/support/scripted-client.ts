import type { Platform } from '../../shared/domain/platforms';
import type { Capabilities, ClientContext, Credentials, PlatformClient, PublishOutcome, PublishRequest, ReconcileResult } from '../../electron/core/platforms/types';

type Step<T> = T | ((req: PublishRequest, ctx: ClientContext) => T | Promise<T>);

/**
 * An in-process client whose answers a test scripts one by one, to drive the scheduler through
 * every outcome deterministically. The HTTP clients are tested against their fakes separately.
 */
export function scriptedClient(platform: Platform, opts: { reconcile?: Capabilities['reconcile'] } = {}) {
  const publishes: Step<PublishOutcome>[] = [];
  const reconciles: Step<ReconcileResult>[] = [];
  const refreshes: ({ ok: true; credentials: Credentials } | { ok: false; reason: string })[] = [];
  const calls: { kind: 'publish' | 'reconcile' | 'refresh'; req?: PublishRequest; token: string }[] = [];
  let counter = 0;
  const client: PlatformClient = {
    platform,
    defaultBaseUrl: `https://${platform}.invalid`,
    capabilities: { text: true, images: true, video: false, requiresMedia: false, maxImages: 4, threads: true, firstComment: true, reconcile: opts.reconcile ?? 'recent_posts' },
    async publish(ctx, req) {
      calls.push({ kind: 'publish', req, token: ctx.credentials.accessToken });
      const step = publishes.shift() ?? { kind: 'published', platformPostId: `p${++counter}`, url: `https://${platform}.invalid/p${counter}` };
      return typeof step === 'function' ? step(req, ctx) : step;
    },
    async reconcile(ctx, req) {
      calls.push({ kind: 'reconcile', req, token: ctx.credentials.accessToken });
      const step = reconciles.shift() ?? { kind: 'not_found' };
      return typeof step === 'function' ? step(req, ctx) : step;
    },
    async metrics() {
      return { likes: 1 };
    },
    async refresh(ctx) {
      calls.push({ kind: 'refresh', token: ctx.credentials.accessToken });
      return refreshes.shift() ?? { ok: false, reason: 'The refresh token was revoked.' };
    },
  };
  return {
    client,
    calls,
    published: () => calls.filter((c) => c.kind === 'publish'),
    onPublish: (...steps: Step<PublishOutcome>[]) => publishes.push(...steps),
    onReconcile: (...steps: Step<ReconcileResult>[]) => reconciles.push(...steps),
    onRefresh: (...steps: ({ ok: true; credentials: Credentials } | { ok: false; reason: string })[]) => refreshes.push(...steps),
  };
}
