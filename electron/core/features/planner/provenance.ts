import type {
  ChannelOutput,
  ChannelParsedInput,
} from "../../../../shared/contract";
import type { FeatureDeps } from "../types";

interface Row {
  post_id: string;
  number: number;
  writer: "offline" | "ai";
  writer_version: string;
  template_name: string | null;
  pillar_name: string | null;
}

/** How a writer wrote these posts' current versions; a version the creator edited since has none. */
export function createProvenance({ db }: Pick<FeatureDeps, "db">) {
  const current =
    db.prepare(`SELECT vp.post_id, vp.number, vp.writer, vp.writer_version, vp.template_name, vp.pillar_name
    FROM version_provenance vp
    WHERE vp.post_id = ? AND vp.number = (SELECT max(number) FROM post_versions WHERE post_id = vp.post_id)`);

  return function provenance({
    postIds,
  }: ChannelParsedInput<"planner:provenance">): ChannelOutput<"planner:provenance"> {
    return postIds.flatMap((id) => {
      const r = current.get(id) as Row | undefined;
      if (!r) return [];
      const how = r.writer === "offline" ? "Written offline" : "Written by AI";
      return [
        {
          postId: r.post_id,
          version: r.number,
          writer: r.writer,
          writerVersion: r.writer_version,
          templateName: r.template_name,
          pillarName: r.pillar_name,
          label: r.template_name ? `${how} from “${r.template_name}”` : how,
        },
      ];
    });
  };
}
