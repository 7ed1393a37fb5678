-- Loomcast schema 4: the library. Templates gain a description, a fixed set of categories,
-- full-text search and a seeded set; brand voices and content pillars arrive, and posts can
-- belong to a pillar and speak in a voice.

-- Templates -----------------------------------------------------------------------------------

ALTER TABLE templates ADD COLUMN description TEXT NOT NULL DEFAULT '';
-- Deleting keeps the row (hidden from the library) so the posts made from it still name it.
ALTER TABLE templates ADD COLUMN deleted_at INTEGER;

-- Schema 1 had no categories; anything stored under another name becomes general.
UPDATE templates SET category = 'general' WHERE category NOT IN ('hook','video_script','cta','thread','general');

-- A CHECK can't be added to an existing column, and rebuilding the table would null every
-- posts.template_id through its foreign key; triggers hold the same rule.
CREATE TRIGGER templates_category_insert BEFORE INSERT ON templates
WHEN NEW.category NOT IN ('hook','video_script','cta','thread','general')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: template category'); END;

CREATE TRIGGER templates_category_update BEFORE UPDATE OF category ON templates
WHEN NEW.category NOT IN ('hook','video_script','cta','thread','general')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: template category'); END;

-- Templates shipped with Loomcast are never removed; posts and copies rely on them.
CREATE TRIGGER templates_builtin_kept BEFORE DELETE ON templates
WHEN OLD.builtin = 1
BEGIN SELECT RAISE(ABORT, 'built-in templates cannot be deleted'); END;

-- Search index. Not an external-content table: templates has no INTEGER PRIMARY KEY, so its
-- rowids may change on VACUUM; this one carries the template id itself.
CREATE VIRTUAL TABLE templates_fts USING fts5(
  template_id UNINDEXED,
  name,
  category,
  description,
  body,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- The words a creator would search a category by.
CREATE VIEW template_search_rows AS
SELECT id, name, description, body,
  CASE category
    WHEN 'hook' THEN 'hooks hook'
    WHEN 'video_script' THEN 'video script framework short-form'
    WHEN 'cta' THEN 'calls to action call cta'
    WHEN 'thread' THEN 'threads thread'
    ELSE 'general'
  END AS category_words
FROM templates;

INSERT INTO templates_fts (template_id, name, category, description, body)
SELECT id, name, category_words, description, body FROM template_search_rows;

CREATE TRIGGER templates_fts_insert AFTER INSERT ON templates BEGIN
  INSERT INTO templates_fts (template_id, name, category, description, body)
  SELECT id, name, category_words, description, body FROM template_search_rows WHERE id = NEW.id;
END;

CREATE TRIGGER templates_fts_update AFTER UPDATE OF name, category, description, body ON templates BEGIN
  DELETE FROM templates_fts WHERE template_id = OLD.id;
  INSERT INTO templates_fts (template_id, name, category, description, body)
  SELECT id, name, category_words, description, body FROM template_search_rows WHERE id = NEW.id;
END;

CREATE TRIGGER templates_fts_delete AFTER DELETE ON templates BEGIN
  DELETE FROM templates_fts WHERE template_id = OLD.id;
END;

CREATE INDEX posts_template ON posts (template_id);

-- Brand voices and content pillars -------------------------------------------------------------

CREATE TABLE voices (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 80),
  tone           TEXT NOT NULL DEFAULT '',
  words_to_use   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(words_to_use) AND json_type(words_to_use) = 'array'),
  words_to_avoid TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(words_to_avoid) AND json_type(words_to_avoid) = 'array'),
  examples       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(examples) AND json_type(examples) = 'array'),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE pillars (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 80),
  description TEXT NOT NULL DEFAULT '',
  -- Lower-case #rrggbb, so the same colour is always spelled the same way.
  color       TEXT NOT NULL CHECK (length(color) = 7 AND color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  voice_id    TEXT REFERENCES voices(id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

-- The accounts a pillar is posted from (e.g. one TikTok channel per theme).
CREATE TABLE pillar_accounts (
  pillar_id  TEXT NOT NULL REFERENCES pillars(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  PRIMARY KEY (pillar_id, account_id)
) STRICT;

CREATE INDEX pillar_accounts_account ON pillar_accounts (account_id);

ALTER TABLE posts ADD COLUMN pillar_id TEXT REFERENCES pillars(id) ON DELETE SET NULL;
ALTER TABLE posts ADD COLUMN voice_id TEXT REFERENCES voices(id) ON DELETE SET NULL;

CREATE INDEX posts_pillar ON posts (pillar_id);
CREATE INDEX posts_voice ON posts (voice_id);

-- The seeded library ---------------------------------------------------------------------------
-- Written for Loomcast. Variables are in braces; a line of --- starts the next post of a thread.

INSERT INTO templates (id, name, category, description, body, builtin, created_at, updated_at) VALUES
('builtin-hook-same-mistake', 'The mistake everyone makes', 'hook',
 'Names a common mistake your audience recognises, then promises the fix.',
 'Most {audience} get {topic} wrong in exactly the same way. It took me {time it took} to see it. Here’s the fix:',
 1, 0, 0),
('builtin-hook-stop-doing', 'Stop doing this', 'hook',
 'A direct instruction that interrupts a habit and names what it costs.',
 'Stop {bad habit}. It’s quietly costing you {what it costs}. Do this instead:',
 1, 0, 0),
('builtin-hook-numbered-result', 'Numbered list with a result', 'hook',
 'A concrete number and a concrete result: the classic list opener.',
 '{number} {things} that helped me {result} (the last one surprised me):',
 1, 0, 0),
('builtin-hook-unpopular-opinion', 'Unpopular opinion', 'hook',
 'Takes a clear side against a common belief; invites replies.',
 'Unpopular opinion: {common belief} is overrated. What actually moves the needle for {audience} is {your view}.',
 1, 0, 0),
('builtin-hook-before-after', 'Before and after', 'hook',
 'Shows the gap between then and now so people stay for the how.',
 '{time ago}, I {before}. Today, I {after}. Here’s exactly what changed:',
 1, 0, 0),
('builtin-hook-what-if', 'What if it didn’t have to cost that', 'hook',
 'A question that removes the sacrifice your audience assumes is required.',
 'What if {desired outcome} didn’t require {usual sacrifice}?',
 1, 0, 0),
('builtin-hook-nobody-tells-you', 'Nobody tells you this', 'hook',
 'Promises insider knowledge about a topic your audience cares about.',
 'Nobody tells {audience} this about {topic}:',
 1, 0, 0),
('builtin-hook-i-tried', 'I tried it so you don’t have to', 'hook',
 'An experiment with a time frame: curiosity does the rest.',
 'I tried {experiment} for {duration}. Here’s what happened.',
 1, 0, 0),
('builtin-hook-if-youre-struggling', 'If you’re struggling with…', 'hook',
 'Calls out one audience and one problem so the right people stop scrolling.',
 'If you’re a {audience} struggling with {problem}, read this twice.',
 1, 0, 0),
('builtin-hook-myth', 'The myth I believed', 'hook',
 'Quotes a myth, admits you believed it, then promises the proof.',
 '“{myth}.” I believed this for years. It’s wrong, and here’s the proof:',
 1, 0, 0),
('builtin-hook-product-benefit', 'The product in one benefit', 'hook',
 'Leads with the single benefit that matters, not the feature list.',
 '{product} does one thing better than anything I’ve used: {benefit}.',
 1, 0, 0),
('builtin-hook-save-this', 'Save this for later', 'hook',
 'Frames the post as a reference people will come back to.',
 'Save this for the next time you {situation}.',
 1, 0, 0),

('builtin-video-hook-problem-payoff', 'Hook → problem → payoff → CTA (30 s)', 'video_script',
 'The all-purpose short video: stop the scroll, name the pain, deliver, ask.',
 '[0:00–0:03] HOOK (say it and put it on screen): {hook}
[0:03–0:10] PROBLEM: Most {audience} {problem}. Show it happening: {problem shot}.
[0:10–0:25] PAYOFF: Here’s what works instead: {solution}. Show the result: {result shot}.
[0:25–0:30] CTA: {call to action}

Caption: {caption}',
 1, 0, 0),
('builtin-video-three-tips', 'Three quick tips (40 s)', 'video_script',
 'A numbered list on camera; each tip gets its own beat and on-screen label.',
 '[0:00–0:03] HOOK: 3 {topic} tips I wish I’d known when I started.
[0:03–0:13] TIP 1 (on screen: “1”): {tip one}
[0:13–0:23] TIP 2 (on screen: “2”): {tip two}
[0:23–0:35] TIP 3, the best one (on screen: “3”): {tip three}
[0:35–0:40] CTA: Follow for more {topic}, and tell me which one you’ll try first.

Caption: 3 {topic} tips: save it for later.',
 1, 0, 0),
('builtin-video-myth-fact', 'Myth vs fact (30 s)', 'video_script',
 'Say the myth, break it, show the evidence; good for authority.',
 '[0:00–0:03] HOOK (on screen: MYTH): “{myth}”
[0:03–0:08] Say why people believe it: {why people believe it}.
[0:08–0:20] FACT (on screen: FACT): {fact}. Show the proof: {proof}.
[0:20–0:27] What to do instead: {what to do}.
[0:27–0:30] CTA: {call to action}',
 1, 0, 0),
('builtin-video-before-after', 'Before and after transformation (20 s)', 'video_script',
 'Open on the result, rewind to the start, show the turning point.',
 '[0:00–0:02] HOOK: open on the result, no talking, just the after: {after shot}
[0:02–0:05] On screen: “{time frame} ago…” Cut to the before: {before shot}.
[0:05–0:15] THE TURNING POINT: {what changed}. Quick cuts of the process: {process shots}.
[0:15–0:20] Back to the after. CTA: {call to action}

Sound: {sound or track}',
 1, 0, 0),
('builtin-video-story', 'Story: setup → conflict → resolution (60 s)', 'video_script',
 'A short personal story with a lesson; slower pace, more trust.',
 '[0:00–0:05] HOOK: The day {moment} changed how I {topic}.
[0:05–0:20] SETUP: Where I was: {setup}.
[0:20–0:40] CONFLICT: What went wrong: {conflict}. The moment it hit me: {realisation}.
[0:40–0:55] RESOLUTION: What I do now: {resolution}. The lesson for you: {lesson}.
[0:55–1:00] CTA: {call to action}',
 1, 0, 0),
('builtin-video-product-demo', 'Product demo: problem → agitate → solve (30 s)', 'video_script',
 'Problem, why it hurts, then the product solving it on screen.',
 '[0:00–0:03] HOOK: Still {annoying task} by hand?
[0:03–0:10] PROBLEM: Show the painful way: {painful way}.
[0:10–0:15] AGITATE: Every {time unit} that costs you {what it costs}.
[0:15–0:27] SOLVE: {product} does it in {how fast}. Show it on screen: {demo steps}. The benefit: {benefit}.
[0:27–0:30] CTA: {call to action}',
 1, 0, 0),

('builtin-cta-follow', 'Follow for more', 'cta',
 'Tells people what they get for following and how often.',
 'Follow for a new {topic} tip every {cadence}.',
 1, 0, 0),
('builtin-cta-comment-keyword', 'Comment a keyword', 'cta',
 'Trades a resource for a comment; the comments lift reach.',
 'Comment “{keyword}” and I’ll send you {resource}.',
 1, 0, 0),
('builtin-cta-link-in-bio', 'Link in bio', 'cta',
 'Points to the full resource where links are not clickable.',
 'The full {resource} is free at the link in my bio.',
 1, 0, 0),
('builtin-cta-save-share', 'Save and share', 'cta',
 'Asks for the two actions that matter most to the algorithm.',
 'Save this for later, and send it to a {audience} who needs it today.',
 1, 0, 0),
('builtin-cta-question', 'Ask for their take', 'cta',
 'An open question that makes replying easy.',
 'What’s your take on {topic}? Tell me below: I read every reply.',
 1, 0, 0),

('builtin-thread-lessons', 'Lessons learned thread', 'thread',
 'A numbered thread of lessons; the last post asks for the repost.',
 'I spent {duration} {doing what}. Here are 3 lessons I wish I’d known on day one 🧵
---
1. {lesson one}

{why it matters}
---
2. {lesson two}
---
3. {lesson three}
---
If this helped, repost the first post so another {audience} sees it. I write about {topic} every week.',
 1, 0, 0),
('builtin-thread-how-to', 'Step-by-step how-to thread', 'thread',
 'Teaches one outcome in steps; the result comes first so people read on.',
 'How to {outcome} in {number} steps (without {usual pain}):
---
Step 1: {step one}
---
Step 2: {step two}
---
Step 3: {step three}
---
That’s it. Bookmark this thread, and follow for more on {topic}.',
 1, 0, 0),
('builtin-thread-case-study', 'Case study thread', 'thread',
 'Context, what you did, the numbers, and the takeaway.',
 'How {who} went from {starting point} to {result} in {time frame}. A breakdown:
---
The situation: {situation}
---
What we changed: {change}
---
The numbers: {numbers}
---
The takeaway for you: {takeaway}',
 1, 0, 0),

('builtin-general-announcement', 'Announcement', 'general',
 'News first, why it matters second, link last.',
 'Big news: {announcement}.

{why it matters}

{link}',
 1, 0, 0);

-- Seeds carry the moment the library arrived, not 1970.
UPDATE templates SET created_at = CAST(unixepoch('subsec') * 1000 AS INTEGER), updated_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)
WHERE builtin = 1 AND created_at = 0;
