package io.github.persistentassignment.catalog;

/**
 * Where an element of a catalog document is, kept after the parser has moved on so that a later
 * check (an override naming an unknown group) can still point at it.
 */
record JsonPosition(String pointer, int line, int column) {}
