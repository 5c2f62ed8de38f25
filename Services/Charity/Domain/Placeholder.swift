// The Charity domain: built in its own issue.
