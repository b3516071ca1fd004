"""The stakeholder network and its analysis: plain data in, plain data out (networkx, no Qt)."""
