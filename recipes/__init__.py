"""The project's tooling for the shipped model, kept out of the library: it imports only framing's public API.

Run from the root of a checkout, with the data in ``../shared/data``::

    python -m recipes.recipe --data ../shared/data --out models/framing-default   # rebuild the default model
    python -m recipes.heldout models/framing-default --data ../shared/data        # its held-out numbers
    python -m framing.training.card models/framing-default                        # its model card

``recipes.corpora`` reads the public corpora (BABE, NewsMTSC, SemEval-2023 Task 3, Anno-lexical) into
framing's training examples.
"""
