/**
 * Helpers shared by this project's own modules (argument checks, JSON value copies). Exported so
 * the storage modules can use them, but not an API: anything here may change in any release.
 */
@NullMarked
package io.github.persistentassignment.internal;

import org.jspecify.annotations.NullMarked;
