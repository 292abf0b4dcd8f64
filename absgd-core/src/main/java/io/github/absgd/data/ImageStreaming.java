package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import io.github.absgd.util.Names;
import java.util.Locale;

/**
 * Whether image lists and folders are streamed (only paths and labels held; images decoded batch by
 * batch, ahead of the trainer, see {@link StreamingImageBatcher}) or decoded into memory up front: the
 * setting {@code stream}. Either way the batches, and so the results, are the same bit for bit;
 * memory holds the decoded images twice (host pixels and the padded copy batches are cut from), so
 * {@code auto} streams once they would take more than {@link #AUTO_ABOVE_BYTES}.
 */
enum ImageStreaming implements Names.Named {
    AUTO,
    ON,
    OFF;

    /** {@code auto} streams data sets whose decoded images (training, validation and test) exceed this. */
    static final long AUTO_ABOVE_BYTES = 512L << 20;

    /** The setting's value; {@code on} only for the formats that read image files. */
    static ImageStreaming parse(String text, DatasetKind kind) {
        ImageStreaming mode = Names.parse(ImageStreaming.class, text, "stream");
        if (mode == ON && kind != DatasetKind.IMAGELIST && kind != DatasetKind.IMAGEFOLDER) {
            throw new InvalidSettingException("stream", "on is for imagelist and imagefolder data (image files decoded "
                    + "batch by batch); " + kind + " is held in memory");
        }
        return mode;
    }

    /** Whether the data, read as image files (streamed), are to stay streamed; otherwise they are decoded. */
    boolean streams(LabeledData... sets) {
        long total = 0;
        long largest = 0;
        for (LabeledData set : sets) {
            if (set != null) {
                long bytes = (long) set.size() * set.sampleSize();
                total += bytes;
                largest = Math.max(largest, bytes);
            }
        }
        return switch (this) {
            case ON -> true;
            case AUTO -> total > AUTO_ABOVE_BYTES || largest > LabeledData.MAX_HELD_BYTES;
            case OFF -> {
                if (largest > LabeledData.MAX_HELD_BYTES) {
                    throw new InvalidSettingException("stream", String.format(Locale.ROOT, "off holds the images in memory, "
                            + "but a set of them takes %.1f GiB decoded, more than one array holds; stream them (auto or on)",
                            largest / (double) (1L << 30)));
                }
                yield false;
            }
        };
    }
}
