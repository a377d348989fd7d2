-- The public performance page (issue 43): a measure is shown on it only when an
-- administrator marks it public (off by default). Whether the page is published, and
-- since when, is a setting (plantrack.public_page.published_at).
ALTER TABLE measures ADD COLUMN public BIGINT NOT NULL DEFAULT 0;
