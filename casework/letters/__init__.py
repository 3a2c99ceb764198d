"""Letters: the fixed context a letter template may use, and the sandbox that renders it."""
