package dev.durable.examples.content;

/**
 * The pipeline's result.
 *
 * @param status {@code PUBLISHED} or {@code HELD}
 * @param url where it went live, or null
 * @param title the title
 * @param body the published text
 * @param editorNote the reviewer's comment
 */
public record Published(String status, String url, String title, String body, String editorNote) {}
