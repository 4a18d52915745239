"""The attribution tagger: a small trained model refining the statements parse rules find."""
