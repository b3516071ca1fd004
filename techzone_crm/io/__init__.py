"""File formats for stakeholder lists: plain rows in, files out (and back); no database, no Qt."""
