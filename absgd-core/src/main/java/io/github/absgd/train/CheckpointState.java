package io.github.absgd.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a checkpoint records besides the arrays: the model and its parameter shapes, the full run
 * configuration, where in the run it was taken (completed epochs, batches done in the current
 * epoch), the attentional weighting's state ({@code log_u} null for u = 0), and the partial-epoch
 * accumulators, so that a resumed run continues exactly where it stopped; {@code stage1_run} names
 * the shared stage-1 run a forked run continued (null for a run trained alone).
 */
public record CheckpointState(
        @JsonProperty("model") String model,
        @JsonProperty("parameter_shapes") List<String> parameterShapes,
        @JsonProperty("config") JsonNode config,
        @JsonProperty("epochs_completed") int epochsCompleted,
        @JsonProperty("step_in_epoch") int stepInEpoch,
        @JsonProperty("log_u") Double logU,
        @JsonProperty("lambda") Double lambda,
        @JsonProperty("weighted_steps") long weightedSteps,
        @JsonProperty("epoch_progress") EpochProgress epochProgress,
        @JsonProperty("train_seconds_total") double trainSecondsTotal,
        @JsonProperty("train_images_total") long trainImagesTotal,
        @JsonProperty("finished") boolean finished,
        @JsonProperty("stage1_run") String stage1Run) {

    CheckpointState withParameterShapes(List<String> shapes) {
        return new CheckpointState(model, shapes, config, epochsCompleted, stepInEpoch, logU, lambda, weightedSteps,
                epochProgress, trainSecondsTotal, trainImagesTotal, finished, stage1Run);
    }

    /** The same state as the start of another run ({@code config}) that continues from it, a shared stage 1 ({@code stage1Run}). */
    CheckpointState forkedAs(JsonNode otherConfig, String fromRun) {
        return new CheckpointState(model, parameterShapes, otherConfig, epochsCompleted, stepInEpoch, logU, lambda, weightedSteps,
                epochProgress, trainSecondsTotal, trainImagesTotal, finished, fromRun);
    }
}
