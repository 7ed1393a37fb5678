import { useEffect, useState } from 'react';
import type { PlatformCapabilitiesDto } from '../../../../shared/contract';
import { api } from '../../api/client';

let cached: PlatformCapabilitiesDto[] | null = null;

/** What each platform can publish (threads, a first comment); fixed for this version of the core. */
export function useCapabilities(): PlatformCapabilitiesDto[] | null {
  const [caps, setCaps] = useState<PlatformCapabilitiesDto[] | null>(() => cached);
  useEffect(() => {
    if (caps) return;
    let live = true;
    api
      .call('platforms:capabilities', {})
      .then((list) => {
        cached = list;
        if (live) setCaps(list);
      })
      .catch(() => undefined); // without them the composer simply offers no thread or comment
    return () => {
      live = false;
    };
  }, [caps]);
  return caps;
}
