import type { ChannelName, ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import type { DateFormat } from '../../../shared/domain/datetime-format';
import type { Platform } from '../../../shared/domain/platforms';
import type { Audit } from '../audit';
import type { Background } from '../background';
import type { Clock, Logger } from '../deps';
import type { EventBus } from '../events';
import type { MediaStore } from '../media/media-store';
import type { Capabilities } from '../platforms/types';
import type { PostsService } from '../posts/posts-service';
import type { Targets } from '../posts/targets';
import type { SettingsService } from '../settings/settings-service';
import type { Db } from '../store/open';

/**
 * What the core offers its features. Each feature takes only the few of these it uses
 * (`Pick<FeatureDeps, …>`), so its dependencies are visible at its door. No feature reaches the
 * keychain, the network or the accounts service: those stay with the core and the platforms.
 */
export interface FeatureDeps {
  db: Db;
  dataDir: string;
  audit: Audit;
  events: EventBus;
  clock: Clock;
  log: Logger;
  settings: SettingsService;
  posts: PostsService;
  /** The one writer of targets' state and due time. */
  targets: Targets;
  media: MediaStore;
  /** The creator's time zone (Settings). */
  zone(): string;
  /** How the creator's dates and times are written (their locale and clock, Settings). */
  dateFormat(): DateFormat;
  /** What the platform's client can publish; null where this core has no client for it. */
  capabilities(platform: Platform): Capabilities | null;
  /** Where work done on a timer or a queue registers, to pause for the data folder's move (background.ts). */
  background: Pick<Background, 'register'>;
}

export type FeatureHandlers<C extends ChannelName> = {
  [K in C]: (input: ChannelParsedInput<K>) => ChannelOutput<K> | Promise<ChannelOutput<K>>;
};
