import type { LinkImageProblemDto } from '../../../../../shared/contract/features/links';
import { domainOf } from './domain';
import type { LinkCardState } from './linkCards';
import './preview-media.css';

const IMAGE_NOTES: Partial<Record<LinkImageProblemDto, string>> = {
  too_large: 'The page’s image is larger than 1 MB, so the card shows none here.',
  not_image: 'The page’s image is not a picture Loomcast can show.',
  timeout: 'The page’s image did not load within 5 seconds.',
  unreachable: 'The page’s image could not be loaded.',
  bad_url: 'The page names an image Loomcast cannot load.',
  too_many_redirects: 'The page’s image redirects too often to load.',
};

/**
 * The card a platform builds from the link's page: picture, site and title. `social` cards put
 * the picture above a bordered caption (X, Bluesky, Mastodon, Threads); `feed` cards run edge to
 * edge with the title in a shaded bar (LinkedIn, Facebook). X draws a small square picture unless
 * the page asks for a large one (twitter:card summary_large_image): `smallUnlessAsked`.
 */
export function LinkCard({ url, state, variant, smallUnlessAsked }: { url: string; state: LinkCardState | null; variant: 'social' | 'feed'; smallUnlessAsked?: boolean }) {
  if (!state || state.status === 'loading') {
    // Shaped like the card it most likely becomes (a picture, then two lines), so the previews
    // and the buttons under them hardly move when the page has been read.
    return (
      <div className="pv-link pv-link-loading" data-variant={variant} data-large={smallUnlessAsked ? undefined : 'true'} data-testid="preview-link-loading" aria-busy="true">
        <span className="pv-link-image pv-link-skeleton" aria-hidden="true" />
        <div className="pv-link-body">
          <span className="muted">Reading {domainOf(url)} for its link card…</span>
          <span className="pv-link-skeleton-line" aria-hidden="true" />
          <span className="pv-link-skeleton-line" data-short="true" aria-hidden="true" />
        </div>
      </div>
    );
  }
  const p = state.preview;
  if (!p.ok) {
    return (
      <p className="pv-note" data-testid="preview-link-problem">
        No link card. {p.message}
      </p>
    );
  }
  const imageNote = p.imageProblem && p.imageProblem !== 'none' ? IMAGE_NOTES[p.imageProblem] : null;
  const domain = p.domain || domainOf(p.finalUrl);
  return (
    <div className="pv-link" data-variant={variant} data-large={p.largeImage || !smallUnlessAsked ? 'true' : undefined} data-testid="preview-link-card">
      {p.image ? <img className="pv-link-image" src={p.image} alt="" data-testid="preview-link-image" /> : null}
      <div className="pv-link-body">
        {variant === 'social' ? <span className="pv-link-domain">{domain}</span> : null}
        <span className="pv-link-title" data-testid="preview-link-title">
          {p.title ?? domain}
        </span>
        {p.description && variant === 'social' ? <span className="pv-link-desc">{p.description}</span> : null}
        {variant === 'feed' ? <span className="pv-link-domain">{domain}</span> : null}
        {imageNote ? (
          <span className="pv-link-note" data-testid="preview-link-image-note">
            {imageNote}
          </span>
        ) : null}
      </div>
    </div>
  );
}
