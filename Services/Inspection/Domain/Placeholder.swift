// The Inspection domain: built in its own issue.
