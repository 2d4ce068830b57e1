"""Support code for the tests: doubles of the edges we do not own, fakes for our own seams, builders."""
