/** Implementation of the approval module: tokens, the endpoint's logic and pages, the round body. Not API. */
package dev.durable.approval.internal;
