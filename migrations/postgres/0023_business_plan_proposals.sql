-- A change proposal may change a strategy's year of the business plan once that year's
-- IP is distributed (issue 39): the kind check gains 'business_plan'.
ALTER TABLE change_proposals DROP CONSTRAINT change_proposals_kind_check;
ALTER TABLE change_proposals ADD CONSTRAINT change_proposals_kind_check
    CHECK (kind IN ('text', 'owner', 'new', 'retire', 'measure', 'target', 'import',
        'business_plan'));
