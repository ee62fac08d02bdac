"""The policy layer: configuration, select/ignore, severities, suppressions and baselines."""
