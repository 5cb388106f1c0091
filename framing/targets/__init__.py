"""Where targets are found: discovery of named people/organisations/places and their mentions."""

from framing.targets.discover import discover_targets, resolve_targets, shared_targets
from framing.targets.mentions import Target, find_mentions

__all__ = ["Target", "discover_targets", "find_mentions", "resolve_targets", "shared_targets"]
