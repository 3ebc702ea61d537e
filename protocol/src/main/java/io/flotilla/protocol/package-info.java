/** See this module's README. */
@NullMarked
package io.flotilla.protocol;

import org.jspecify.annotations.NullMarked;
