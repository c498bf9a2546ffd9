package org.helpdesk.passes;

import java.util.List;

import org.helpdesk.accounts.InvalidInputException.Problem;

/**
 * A batch of passes refused as a whole: what is wrong with the shared settings, and with which entries (by their
 * position in the request, from 0). Nothing was issued.
 */
public class BatchRefusedException extends RuntimeException {

    /** What is wrong with one entry of the list. */
    public record EntryProblem(int index, String messageCode) {
    }

    private final List<Problem> settings;
    private final List<EntryProblem> entries;

    public BatchRefusedException(List<Problem> settings, List<EntryProblem> entries) {
        super("Batch refused: " + settings.size() + " setting(s), " + entries.size() + " entries");
        this.settings = List.copyOf(settings);
        this.entries = List.copyOf(entries);
    }

    public List<Problem> settings() {
        return settings;
    }

    public List<EntryProblem> entries() {
        return entries;
    }
}
