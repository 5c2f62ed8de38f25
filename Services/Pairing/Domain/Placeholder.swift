// The Pairing domain: built in its own issue.
