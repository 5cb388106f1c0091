"""Where scores become a profile: aggregation of sentence scores into article-level figures."""
