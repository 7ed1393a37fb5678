/**
 * TikTok's FILE_UPLOAD chunk rules: a file under 5 MB goes as one chunk; otherwise every chunk
 * is `chunk_size` bytes (5–64 MB) except the last, which takes the remainder and may reach
 * 128 MB; `total_chunk_count` = floor(video_size / chunk_size); at most 1000 chunks.
 */
export const MB = 1024 * 1024;
export const MIN_CHUNK = 5 * MB;
export const MAX_CHUNK = 64 * MB;
export const MAX_LAST_CHUNK = 128 * MB;
export const MAX_CHUNKS = 1000;

export interface ChunkPlan {
  videoSize: number;
  chunkSize: number;
  totalChunkCount: number;
  /** [start, endExclusive) of each chunk, in upload order. */
  ranges: [number, number][];
}

/**
 * Small chunks keep a failed upload cheap, so we use the minimum unless the 1000-chunk cap
 * forces larger ones.
 */
export function planChunks(videoSize: number): ChunkPlan | null {
  if (videoSize <= 0) return null;
  if (videoSize < MIN_CHUNK) return { videoSize, chunkSize: videoSize, totalChunkCount: 1, ranges: [[0, videoSize]] };
  const chunkSize = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.ceil(videoSize / MAX_CHUNKS)));
  const totalChunkCount = Math.floor(videoSize / chunkSize);
  const lastSize = videoSize - (totalChunkCount - 1) * chunkSize;
  if (totalChunkCount > MAX_CHUNKS || lastSize > MAX_LAST_CHUNK) return null;
  const ranges: [number, number][] = [];
  for (let i = 0; i < totalChunkCount; i++) ranges.push([i * chunkSize, i === totalChunkCount - 1 ? videoSize : (i + 1) * chunkSize]);
  return { videoSize, chunkSize, totalChunkCount, ranges };
}
