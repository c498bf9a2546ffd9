/** Second factors and passwordless methods: authenticator apps with recovery codes, and passkeys. */
package org.helpdesk.mfa;
