/**
 * The list's growing sections (what is coming, drafts) are read this many posts at a time: a
 * history of 100,000 posts holds ~20,000 on their way out, and reading every one whole took
 * ~0.65 s of the main process on each visit and change. "Show more" asks for the next step.
 * Schema-free, so the first screen can use it without the contract's zod schemas.
 */
export const LIST_SECTION_STEP = 300;
/** The most one section reads at once. */
export const LIST_SECTION_MAX = 10_000;
/** Shown posts a search counts in at most (posts:search's `shown`): far more than the lists hold. */
export const MAX_SEARCH_SHOWN = 10_000;
