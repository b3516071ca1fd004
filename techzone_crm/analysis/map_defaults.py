"""What the map of the analysis shows unless the user asks for more (see ``pipeline.map_view``).

The most influential stakeholders, and their ties of at least this strength: a whole network
of hundreds is an unreadable hairball. Kept apart from the pipeline, so that the command line
can offer them as defaults without loading the analysis.
"""

from __future__ import annotations

MAP_LIMIT = 150
MAP_MIN_STRENGTH = 1.0
