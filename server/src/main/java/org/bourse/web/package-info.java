/**
 * The web trading terminal (seeds 002 and 004's front end): plain JavaScript modules and CSS served from
 * {@code classpath:/static/} at {@code /}, talking only to the public API and {@code /ws}. This package owns
 * the headers its pages are served with (a Content-Security-Policy without inline scripts); it has no tables.
 */
package org.bourse.web;
