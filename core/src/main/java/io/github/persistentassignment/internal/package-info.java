/**
 * Helpers shared by the modules of this project. Not an API: anything here may change in any
 * release, and the package is not exported from the module.
 */
@NullMarked
package io.github.persistentassignment.internal;

import org.jspecify.annotations.NullMarked;
