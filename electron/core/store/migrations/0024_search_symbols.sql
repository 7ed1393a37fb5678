-- Loomcast schema 24: emoji and flags can be searched for. The search index's tokenizer
-- (unicode61) reads them as spaces between words, so a search for 🎉 or ☕ found nothing. A post's
-- document now ends with a word for each pictograph and flag letter it holds (posts/search-symbols.ts).
-- The documents written before hold none: they go here, and the next search writes every one
-- again (at 100,000 posts about three seconds, once; a few thousand, a blink).
DELETE FROM post_search;
DELETE FROM post_search_docs;
DELETE FROM post_search_dirty;
