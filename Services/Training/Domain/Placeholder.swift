// The Training domain: built in its own issue.
