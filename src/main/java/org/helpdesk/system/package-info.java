/** Cross-cutting pieces: time and randomness, layout, error pages and the home page. */
package org.helpdesk.system;
