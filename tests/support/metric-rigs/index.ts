import type { Platform } from '../../../shared/domain/platforms';
import { META_RIGS } from './meta';
import { OPEN_WEB_RIGS } from './open-web';
import type { RigCase } from './types';
import { VIDEO_RIGS } from './video';

export type { MetricsRig, RigCase } from './types';

/** Every platform, each with its fullest case first: a new platform without a rig does not compile. */
export const METRIC_RIGS: Record<Platform, RigCase[]> = { ...OPEN_WEB_RIGS, ...META_RIGS, ...VIDEO_RIGS };
