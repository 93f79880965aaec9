package org.perflab.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Needs Debian's Python 3 with Jupyter's client packages (pytest, nbclient, jupyter_kernel_test).
 * The quick profile ({@code mvn -Pquick verify}) leaves out every test with this tag.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag(TestTags.PYTHON)
public @interface Python {
}
