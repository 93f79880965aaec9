package org.perflab.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Needs a server outside the test's JVM: PostgreSQL, Redis, HAProxy, PgBouncer or a fleet of instances.
 * The quick profile ({@code mvn -Pquick verify}) leaves out every test with this tag.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag(TestTags.SERVICES)
public @interface Services {
}
