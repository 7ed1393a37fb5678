import { PLATFORM_COLORS, PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';

/** A platform as a small coloured dot and its name; colour never carries meaning alone. */
export function PlatformMark({ platform, compact = false }: { platform: Platform; compact?: boolean }) {
  return (
    <span className={compact ? 'platform-mark compact' : 'platform-mark'} data-platform={platform}>
      <span className="platform-dot" style={{ background: PLATFORM_COLORS[platform] }} aria-hidden="true" />
      <span className="platform-name">{PLATFORM_NAMES[platform]}</span>
    </span>
  );
}

export function PlatformMarks({ platforms, compact = false }: { platforms: readonly Platform[]; compact?: boolean }) {
  return (
    <span className="platform-marks">
      {platforms.map((p) => (
        <PlatformMark key={p} platform={p} compact={compact} />
      ))}
    </span>
  );
}
