"""Pipeline stages, one module each: segment, mentions, resolve, timex, relations, certainty."""
