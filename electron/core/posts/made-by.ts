import type { PostDto } from '../../../shared/contract';
import { currentRequest } from '../rpc/request-context';

/** Who made a post: the creator, an agent or a script over the local API, or Loomcast itself. */
export type PostMaker = NonNullable<PostDto['createdBy']>;

/** The maker of a post created while answering the current request. */
export function makerOfRequest(): PostMaker {
  const r = currentRequest();
  return { actor: r.actor, client: r.client };
}

/** The stored columns as the contract says them; null for posts from before schema 14. */
export function makerFromColumns(actor: string | null, client: string | null): PostMaker | null {
  return actor === null ? null : { actor: actor as PostMaker['actor'], client };
}
