package dev.vigil.agent.status;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets forbiddenapis accept a use it flags by package name only: {@code com.sun.net.httpserver} is a supported,
 * exported JDK API (module {@code jdk.httpserver}), not an internal class.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.CONSTRUCTOR})
@interface SuppressForbidden {
    String reason();
}
