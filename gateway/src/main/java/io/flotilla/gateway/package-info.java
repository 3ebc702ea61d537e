/** See this module's README. */
@NullMarked
package io.flotilla.gateway;

import org.jspecify.annotations.NullMarked;
