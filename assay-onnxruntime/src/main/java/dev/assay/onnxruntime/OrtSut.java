package dev.assay.onnxruntime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.api.loadgen.Query;
import dev.assay.api.loadgen.ResponseSink;
import dev.assay.api.loadgen.SystemUnderTest;

/**
 * Runs queries synchronously on the calling thread with {@link OrtSession#run}. ORT sessions
 * are safe for concurrent runs, so the generator may call {@link #issue} from several
 * threads. A query with several samples (multi-stream) runs them one after the other and
 * completes once.
 */
final class OrtSut implements SystemUnderTest {
    private final String name;
    private final OrtSession session;
    private final OrtSampleLibrary library;
    private final Runnable onClose;

    OrtSut(String name, OrtSession session, OrtSampleLibrary library, Runnable onClose) {
        this.name = name;
        this.session = session;
        this.library = library;
        this.onClose = onClose;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void issue(Query query, ResponseSink sink) {
        try {
            for (int idx : query.sampleIndices()) {
                // the result owns the output tensors; closing frees them before the next call
                try (OrtSession.Result r = session.run(library.sample(idx))) {
                    if (r.size() == 0) {
                        sink.fail(query.id(), "onnxruntime returned no outputs");
                        return;
                    }
                }
            }
            sink.complete(query.id());
        } catch (OrtException | RuntimeException e) {
            sink.fail(query.id(), "onnxruntime run failed: " + e.getMessage());
        }
    }

    @Override
    public boolean synchronous() {
        return true;
    }

    @Override
    public void close() {
        library.closeAll();
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session only frees memory; nothing measured is lost
        }
        onClose.run();
    }
}
