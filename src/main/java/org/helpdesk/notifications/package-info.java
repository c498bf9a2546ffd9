/**
 * Security emails to account owners (spec 9), fed by the other modules' events and sent through an outbox in
 * the database. Nothing here is used by other modules: they publish events, this module listens.
 */
package org.helpdesk.notifications;
