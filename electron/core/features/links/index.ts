/**
 * Link cards for the composer's previews: the page a link leads to, read by the core (the
 * renderer has no network) through the core's one card reader (link-cards/reader.ts), which the
 * publisher also asks for the cards it sends.
 */
import type { linksChannels } from '../../../../shared/contract/features/links';
import type { LinkCards } from '../../link-cards/reader';
import type { FeatureHandlers } from '../types';

export function createLinksFeature({ cards }: { cards: LinkCards }): { handlers: FeatureHandlers<keyof typeof linksChannels> } {
  return { handlers: { 'links:preview': ({ url }) => cards.preview(url) } };
}
