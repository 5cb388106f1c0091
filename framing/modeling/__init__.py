"""Where models live: the shared encoder, task heads, saving/loading, and batched inference."""

from framing.modeling.backbone import DEFAULT_BACKBONE, resolve_backbone
from framing.modeling.model import FramingModel, ModelOutput, TaskSpec

__all__ = ["DEFAULT_BACKBONE", "FramingModel", "ModelOutput", "TaskSpec", "resolve_backbone"]
