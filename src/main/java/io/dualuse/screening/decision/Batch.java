package io.dualuse.screening.decision;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * What one poll of the pipeline produces: the records to write in one transaction with the
 * consumer offsets, how to undo the local state (licence draws, holds, decision log) if that
 * transaction aborts, and what to report once it commits. Used by one thread at a time.
 */
public final class Batch {

    private final List<ProducerRecord<String, Object>> writes = new ArrayList<>();
    private final List<Runnable> undo = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    public void write(ProducerRecord<String, Object> record) {
        writes.add(record);
    }

    void onAbort(Runnable action) {
        undo.add(action);
    }

    void onCommit(Runnable action) {
        afterCommit.add(action);
    }

    public List<ProducerRecord<String, Object>> writes() {
        return writes;
    }

    /** The transaction committed: report the decisions. */
    public void committed() {
        afterCommit.forEach(Runnable::run);
    }

    /** The transaction aborted: put the local state back, last change first, as the batch will be read again. */
    public void aborted() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
    }
}
