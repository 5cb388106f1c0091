"""Where text is split: sentences with offsets, quoted speech (voice) and speakers."""
