-- Loomcast schema 38: the checks a creator asked to be looked at now ("Look at every post's
-- numbers again now"), and only those, so the refresh's progress, its Stop and the sweep find
-- them without reading a check row for every copy ever measured (one per published copy).
CREATE INDEX metric_checks_requested ON metric_checks (requested_at) WHERE requested_at IS NOT NULL;
