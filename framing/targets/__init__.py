"""Where targets are found: discovery of named people/organisations/places and their mentions."""
