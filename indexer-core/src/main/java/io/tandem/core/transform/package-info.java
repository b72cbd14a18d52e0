/**
 * Per-document transforms applied while copying documents from the old index to the new one.
 *
 * <p>A transform is found by name through {@link io.tandem.core.transform.Transforms}, which discovers
 * {@link io.tandem.core.transform.TransformProvider}s with {@link java.util.ServiceLoader}, so deployments can add
 * their own without changing this module.
 */
package io.tandem.core.transform;
