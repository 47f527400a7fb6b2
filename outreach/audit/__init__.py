"""The audit trail: an append-only record of changes to domain records, of views and
exports of named personal data, and of data-protection events (erasure, rights exports,
retention runs). Public API: `context.audit_context`, `services.record_*`,
`services.redact_subject`, `services.purge_before`."""
