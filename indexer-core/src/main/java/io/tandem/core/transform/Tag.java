package io.tandem.core.transform;

/** One tag as the new mapping indexes it: a key (dotted when it came from a nested object) and a string value. */
record Tag(String key, String value) {
}
