import { useEffect, useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useZone } from '../../data/useAppData';
import { formFromPost } from '../compose/compose-form';
import type { ComposeMedia } from '../compose/compose.store';
import { PlatformCards } from '../compose/PlatformCards';
import { useComposeAccounts } from '../compose/useComposeAccounts';

/**
 * How the post under review will look on each of its platforms, as the composer shows it (the
 * same cards, read-only): its images, thread, first comment and the link card Loomcast will send
 * or the platform will build. Closed until asked for, so reviewing stays quick.
 */
export function ReviewPreviews({ post }: { post: PostDto }) {
  const zone = useZone();
  const accounts = useComposeAccounts();
  const [open, setOpen] = useState(false);
  const [media, setMedia] = useState<{ key: string; items: ComposeMedia[] } | null>(null);
  const key = `${post.id}@${post.version}`;
  useEffect(() => {
    if (!open) return;
    let live = true;
    api.call('media:forPost', { postId: post.id }).then(
      (items) => live && setMedia({ key, items: items.map((m) => ({ hash: m.hash, mime: m.mime, bytes: m.bytes, name: '', altText: m.altText ?? '' })) }),
      () => live && setMedia({ key, items: [] }),
    );
    return () => {
      live = false;
    };
  }, [open, post.id, key]);
  const form = { ...formFromPost(post, zone), media: media?.key === key ? media.items : [] };
  return (
    <details className="review-previews" data-testid="review-previews" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>How it looks on each platform</summary>
      {open ? <PlatformCards form={form} accounts={accounts} /> : null}
    </details>
  );
}
