"""Where training lives: examples, features, the multi-task training loop, evaluation."""
