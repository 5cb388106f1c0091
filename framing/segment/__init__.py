"""Where text is split: sentences with offsets, quoted speech (voice) and speakers."""

from framing.segment.quotes import find_quotes
from framing.segment.segmentation import Segmentation, SentenceSegment, segment, segment_texts
from framing.segment.sentences import split_sentences

__all__ = ["SentenceSegment", "Segmentation", "split_sentences", "find_quotes", "segment", "segment_texts"]
