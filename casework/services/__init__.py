"""Use cases: the only code that changes records. One transaction each, with an audit event."""
