import { describe, expect, it } from 'vitest';
import { topParagraph } from './flat-story.js';

// A made-up story: its lede says when the ferry firm lost money ("after"), a later paragraph why
// ("hit by").
describe('HybridRetriever.rank, a "why" question', () => {
  it('prefers the sentence giving a cause to the one saying what came after', () => {
    const top = topParagraph(
      [
        'Tarrow Ferries lost money last year after its new chief took over.',
        'Tarrow Ferries lost money, hit by dearer fuel and a strike.',
      ],
      'Why did Tarrow Ferries lose money?',
    );
    expect(top).toBe(2);
  });
});
