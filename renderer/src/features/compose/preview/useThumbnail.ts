import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { isImage } from '../mediaRules';

/** Images by hash as data: URLs, shared by the media tray and the previews: each is asked once. */
const thumbs = new Map<string, string>();
const asked = new Map<string, Promise<string | null>>();

function load(hash: string): Promise<string | null> {
  let p = asked.get(hash);
  if (!p) {
    p = api
      .call('media:thumbnail', { hash })
      .then((t) => {
        thumbs.set(hash, t.dataUrl);
        return t.dataUrl;
      })
      .catch(() => {
        asked.delete(hash); // asked again next time it is shown
        return null;
      });
    asked.set(hash, p);
  }
  return p;
}

/** The image's data: URL once loaded; null while loading, for a video, or when it failed. */
export function useThumbnail(hash: string, mime: string): string | null {
  const [url, setUrl] = useState<string | null>(() => thumbs.get(hash) ?? null);
  const [shownFor, setShownFor] = useState(hash);
  if (shownFor !== hash) {
    setShownFor(hash);
    setUrl(thumbs.get(hash) ?? null);
  }
  useEffect(() => {
    if (!isImage(mime) || thumbs.has(hash)) return;
    let live = true;
    void load(hash).then((u) => {
      if (live && u) setUrl(u);
    });
    return () => {
      live = false;
    };
  }, [hash, mime]);
  return isImage(mime) ? url : null;
}
