print("parley-bench: not yet")
