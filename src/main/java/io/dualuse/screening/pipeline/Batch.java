package io.dualuse.screening.pipeline;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * What one poll of the pipeline produces: the records to write in one transaction with the
 * consumer offsets, how to undo the local state (licence draws, holds, decision log) if that
 * transaction aborts, and what to report once it commits (with where some records were written).
 * Used by one thread at a time.
 */
public final class Batch {

    private record Located(int index, Consumer<RecordMetadata> then) {
    }

    private final List<ProducerRecord<String, Object>> writes = new ArrayList<>();
    private final List<Located> located = new ArrayList<>();
    private final List<Runnable> undo = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    public void write(ProducerRecord<String, Object> record) {
        writes.add(record);
    }

    /** As {@link #write(ProducerRecord)}, and {@code then} gets its partition and offset once the batch is committed. */
    void write(ProducerRecord<String, Object> record, Consumer<RecordMetadata> then) {
        located.add(new Located(writes.size(), then));
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

    /**
     * The batch is committed: tells where the located records were written ({@code sent}: the
     * producer's result for each of {@link #writes()}, in order, all complete by now), then reports
     * the decisions.
     */
    public void committed(List<Future<RecordMetadata>> sent) {
        for (Located l : located) {
            try {
                l.then().accept(sent.get(l.index()).get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a record of a committed batch reports a failed write", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        afterCommit.forEach(Runnable::run);
    }

    /** The transaction aborted: put the local state back, last change first, as the batch will be read again. */
    public void aborted() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
    }
}
