import type { ChannelOutput, ChannelParsedInput } from '../../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import type { FeatureDeps } from '../types';

interface Row {
  post_id: string;
  number: number;
  writer: 'offline' | 'ai';
  writer_version: string;
  task: string | null;
  template_name: string | null;
  pillar_name: string | null;
  voice_name: string | null;
  examples: string;
  platform: Platform | null;
  set_id: string | null;
  arm: number | null;
  arms: number | null;
}

/** The provenance in a creator's words: who wrote it, from what, in which voice. */
export function provenanceLabel(r: Omit<Row, 'post_id' | 'number' | 'writer_version' | 'set_id'>): string {
  const from = r.template_name ? ` from “${r.template_name}”` : '';
  const on = r.platform ? PLATFORM_NAMES[r.platform] : null;
  let label: string;
  if (r.writer === 'offline') label = `Written offline${from}`;
  else if (r.task === 'rewrite') label = `Rewritten by AI${on ? ` for ${on}` : ''}`;
  else if (r.task === 'shorten') label = `Shortened by AI${on ? ` to fit ${on}` : ''}`;
  else if (r.task === 'thread') label = 'Turned into a thread by AI';
  else if (r.task === 'idea') label = 'Written by AI from an idea';
  else if (r.task === 'slot') label = `Written by AI for the plan${from}`;
  else label = `Written by AI${from}`;
  if (r.arm !== null && r.arms !== null) label += ` — variant ${r.arm + 1} of ${r.arms}`;
  const shown = (JSON.parse(r.examples) as unknown[]).length;
  if (r.voice_name) label += `, in the voice “${r.voice_name}”${shown ? ` (shown ${shown} example${shown === 1 ? '' : 's'})` : ''}`;
  return label;
}

/** How a writer wrote these posts' current versions; a version the creator edited since has none. */
export function createProvenance({ db }: Pick<FeatureDeps, 'db'>) {
  const current = db.prepare(`SELECT vp.post_id, vp.number, vp.writer, vp.writer_version, vp.task, vp.template_name, vp.pillar_name, vp.examples,
      vo.name AS voice_name, json_extract(j.input, '$.platform') AS platform,
      va.set_id, va.arm, (SELECT count(*) FROM variant_arms x WHERE x.set_id = va.set_id) AS arms
    FROM version_provenance vp
    LEFT JOIN voices vo ON vo.id = vp.voice_id
    LEFT JOIN generation_jobs j ON j.id = vp.seed AND vp.task IN ('rewrite','shorten')
    LEFT JOIN variant_arms va ON va.post_id = vp.post_id
    WHERE vp.post_id = ? AND vp.number = (SELECT max(number) FROM post_versions WHERE post_id = vp.post_id)`);

  return function provenance({ postIds }: ChannelParsedInput<'planner:provenance'>): ChannelOutput<'planner:provenance'> {
    return postIds.flatMap((id) => {
      const r = current.get(id) as Row | undefined;
      if (!r) return [];
      return [
        {
          postId: r.post_id,
          version: r.number,
          writer: r.writer,
          writerVersion: r.writer_version,
          templateName: r.template_name,
          pillarName: r.pillar_name,
          task: r.task,
          voiceName: r.voice_name,
          examples: (JSON.parse(r.examples) as unknown[]).length,
          variant: r.set_id !== null && r.arm !== null && r.arms !== null ? { setId: r.set_id, arm: r.arm, of: r.arms } : null,
          label: provenanceLabel(r),
        },
      ];
    });
  };
}
