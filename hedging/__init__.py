"""Hedgebot's pure domain core: holdings in, ranked hedge plans with every cost out."""
