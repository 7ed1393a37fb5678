import { memo, type CSSProperties } from 'react';
import { STATE_LABELS } from '../../../../shared/domain/states';
import { IMAGE_MIMES } from '../../../../shared/domain/media-limits';
import { firstWords, platformList, wallTime } from '../../lib/format';
import { useRepeats } from '../../data/useRepeating';
import { Icon } from '../../ui/Icon';
import { StateIcon } from '../../ui/state-icons';
import { ChipThumb } from './ChipThumb';
import type { Chip } from './placement';
import { platformMarkColor } from '../../ui/PlatformMark';

const MAX_DOTS = 5;

/** What a chip's screen reader hears: what it shows first (time and text), then the rest. */
export function chipLabel(chip: Chip, repeats = false): string {
  const words = firstWords(chip.post.text, 80) || 'no text';
  const { pillar, firstMedia: media } = chip.post;
  const withMedia = media ? (IMAGE_MIMES.includes(media.mime) ? ', with an image' : ', with a video') : '';
  return `${wallTime(chip.minutes)} ${words}, ${platformList(chip.platforms)}, ${STATE_LABELS[chip.state]}${repeats ? ', repeats' : ''}${pillar ? `, ${pillar.name}` : ''}${withMedia}`;
}

/**
 * A post on the grid: time, a dot per platform (and a mark when it repeats), the first line of its text, a state icon, and
 * its pillar's colour as a left border. Plain elements and no handlers of its own (the grid
 * listens once for all chips), so two thousand stay cheap. In the month the text gets a line
 * of its own, so a narrow day still reads it; the dots, then the state icon go first. A post
 * with media shows its first image small (loaded once it is on screen).
 *
 * On the grid (`navItem`) a chip is one stop of the grid's roving focus: `tabIndex` is 0 for
 * the one the grid's Tab stop is on, -1 for the rest. In the "+N more" list it is a plain button.
 */
export const PostChip = memo(function PostChip({ chip, selected, moving, tabIndex, navItem }: { chip: Chip; selected: boolean; moving: boolean; tabIndex?: number; navItem?: boolean }) {
  const time = wallTime(chip.minutes);
  const words = firstWords(chip.post.text, 80);
  const dots = chip.platforms.slice(0, MAX_DOTS);
  const { pillar, firstMedia: media } = chip.post;
  const repeats = useRepeats(chip.post.id);
  return (
    <button
      type="button"
      className="chip"
      data-testid="calendar-chip"
      data-chip={chip.key}
      data-post-id={chip.post.id}
      data-state={chip.state}
      data-pillar={pillar ? pillar.name : undefined}
      data-moving={moving ? 'true' : undefined}
      data-media={media ? 'true' : undefined}
      data-repeats={repeats ? 'true' : undefined}
      data-nav-item={navItem ? '' : undefined}
      tabIndex={tabIndex}
      style={pillar ? ({ '--pillar': pillar.color } as CSSProperties) : undefined}
      draggable={chip.movable}
      aria-current={selected ? 'true' : undefined}
      aria-label={chipLabel(chip, repeats)}
      aria-describedby={chip.movable ? 'calendar-move-help' : undefined}
      aria-keyshortcuts={chip.movable ? 'M' : undefined}
    >
      <span className="chip-time" data-testid="chip-time">
        {time}
      </span>
      <span className="chip-dots" aria-hidden="true">
        {dots.map((p) => (
          <span key={p} className="chip-dot" data-platform={p} style={{ background: platformMarkColor(p) }} />
        ))}
        {chip.platforms.length > dots.length ? <span className="chip-dots-more">+</span> : null}
        {repeats ? <Icon name="repeat" size={10} className="chip-repeat" /> : null}
      </span>
      <span className="chip-text" data-testid="chip-text" dir="auto">
        {words}
      </span>
      <StateIcon state={chip.state} />
      {media ? <ChipThumb key={media.hash} hash={media.hash} mime={media.mime} /> : null}
    </button>
  );
});
